import type { Role } from '../../server/storage/tables.js';

// The server's order (ROLES in tables.ts), repeated here as a type-checked list: importing
// the value would pull server code into the browser bundle.
const ORDER: readonly Role[] = ['viewer', 'editor', 'admin'];

export const roleAtLeast = (held: Role, needed: Role) => ORDER.indexOf(held) >= ORDER.indexOf(needed);
