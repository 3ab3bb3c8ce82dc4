/**
 * POST /workspaces/:ws/models/import?name=: an IPACS workbook's bytes in, a new model out,
 * read by the same reader as `pathflow run` and the web app, so a workbook is refused here
 * for the same reasons and at the same sheet!cell as there, and nothing is saved.
 */
import { inflateRawSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ModelImportView } from '../apiTypes.js';
import { API_PREFIX } from '../auth/authPlugin.js';
import { HttpError } from '../httpError.js';
import type { Database } from '../storage/tables.js';
import { formatIssue, readIpacsWorkbook, type WorkbookIssue } from '../../workbook/read.js';
import type { InflateRaw } from '../../workbook/zipArchive.js';
import { createModel } from './modelStore.js';
import { accessOf, needs } from './routeAccess.js';
import { answers, importQuery, workspaceParams } from './routeSchemas.js';

export const WORKBOOK_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

/** Node's inflater, as the CLI reads workbooks, never unpacking more than a part declares. */
const inflateRaw: InflateRaw = (data, size) => inflateRawSync(data, { maxOutputLength: Math.max(1, size) });

/** `los!D14`, `los row 14`, `los`, or `workbook` for the file as a whole. */
function whereIn(issue: WorkbookIssue): string {
  if (issue.sheet === undefined) return 'workbook';
  if (issue.row !== undefined && issue.column !== undefined) return `${issue.sheet}!${issue.column}${issue.row}`;
  return issue.row !== undefined ? `${issue.sheet} row ${issue.row}` : issue.sheet;
}

function refusal(errors: WorkbookIssue[]): HttpError {
  const issues = errors.map((issue) => ({ path: whereIn(issue), message: issue.message }));
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return new HttpError(400, `the workbook cannot be imported: ${formatIssue(errors[0])}${more}`, { field: issues[0].path, issues });
}

/** The model's name is also what its output files are named after, so it is made safe for a file name. */
function fileNameFor(name: string): string {
  return `${name.trim().replace(/[\\/:*?"<>|]/g, '_')}.xlsx`;
}

export function importRoute(app: FastifyInstance, db: Kysely<Database>): void {
  app.addContentTypeParser(WORKBOOK_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post<{ Params: { ws: string }; Querystring: { name: string; message?: string }; Body: Buffer }>(
    `${API_PREFIX}/workspaces/:ws/models/import`,
    {
      schema: {
        tags: ['models'],
        summary: 'Import an IPACS workbook (.xlsx bytes as the body) as a new model (editor); refused at the sheet!cell of each problem',
        consumes: WORKBOOK_TYPES,
        // Bytes: described, not validated (the reader checks them, at sheet!cell).
        body: { description: 'The workbook: an IPACS parameter .xlsx file, as bytes' },
        response: answers({ 201: 'ModelImportView: the new model and the reader’s warnings', 400: 'The workbook has problems (ErrorBody: field is the first sheet!cell, issues lists them all)', 403: 'Not an editor' }),
        params: workspaceParams,
        querystring: importQuery,
      },
      preValidation: needs(db, 'editor'),
    },
    async (request, reply) => {
      const { principal } = accessOf(request);
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
        throw new HttpError(415, `send the workbook's bytes as the body, with Content-Type ${WORKBOOK_TYPES[0]}`, { field: 'body' });
      }
      const bytes = new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.byteLength);
      const read = await readIpacsWorkbook(bytes, { fileName: fileNameFor(request.query.name), inflateRaw });
      if (!read.ok) throw refusal(read.errors);
      const message = request.query.message?.trim() || 'imported from an IPACS workbook';
      const { model } = await createModel(db, { workspaceId: request.params.ws, name: request.query.name, model: read.model, message, userId: principal.userId });
      const view: ModelImportView = { ...model, warnings: read.warnings.map(formatIssue) };
      return reply.code(201).send(view);
    },
  );
}
