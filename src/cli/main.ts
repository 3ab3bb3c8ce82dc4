#!/usr/bin/env node
/**
 * The `pathflow` command line's entry. On Node 22.1 and later it first turns on Node's module
 * compile cache, so that a command after the first loads our modules (and its worker threads
 * theirs) from V8 code kept on disk instead of compiling them again; then it loads the program.
 * The cache must be on before any of the program's modules is loaded, which is why this file
 * imports nothing of it statically. Node 20 has no such cache, and runs as before.
 *
 * The cache lives where Node puts it (`node-compile-cache` in the system's temporary
 * directory, or `NODE_COMPILE_CACHE`); `NODE_DISABLE_COMPILE_CACHE=1` turns it off. It holds
 * compiled code only, never data, so what a command computes and writes is the same either way.
 */
import module from 'node:module';

interface CompileCacheResult {
  directory?: string;
}
const enableCompileCache = (module as { enableCompileCache?: () => CompileCacheResult }).enableCompileCache;
const compileCache = enableCompileCache?.();
// Worker threads are Node instances of their own: they use the cache when this is in the
// environment they are started with (by default the process's).
if (compileCache?.directory !== undefined && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = compileCache.directory;

await import('./program.js');
