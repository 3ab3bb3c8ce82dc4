import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../src/server/models/auditLog.js';
import { listMembers, removeMember, setMember } from '../../../src/server/models/members.js';
import { createModel } from '../../../src/server/models/modelStore.js';
import { createWorkspace, listWorkspacesOf } from '../../../src/server/models/workspaces.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import { smallModel } from '../../workbook/fixtures.js';
import { testDatabases } from '../databases.js';
import { addUser } from './people.js';

describe.each(testDatabases)('members and the audit log on $name', ({ open }) => {
  let database: ServerDatabase;
  beforeEach(async () => {
    database = await open();
  });
  afterEach(async () => {
    await database.close();
  });

  async function emailOf(userId: string): Promise<string> {
    return (await database.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;
  }

  it('adds a person by email in any letter case, changes their role, removes them, and keeps the last admin', async () => {
    const { db } = database;
    const ana = await addUser(db, 'Ana');
    const ben = await addUser(db, 'Ben');
    const workspaceId = (await createWorkspace(db, { name: 'Riverside', userId: ana })).id;
    const benEmail = await emailOf(ben);

    expect(await setMember(db, { workspaceId, email: ` ${benEmail.toUpperCase()} `, role: 'viewer', byUserId: ana })).toMatchObject({ outcome: 'done', member: { user: { id: ben }, role: 'viewer' } });
    expect(await setMember(db, { workspaceId, email: 'nobody@nhs.net', role: 'viewer', byUserId: ana })).toEqual({ outcome: 'no-such-user' });
    expect(await listWorkspacesOf(db, ben)).toEqual([{ id: workspaceId, name: 'Riverside', role: 'viewer' }]);
    expect((await listMembers(db, workspaceId)).map((member) => [member.user.displayName, member.role])).toEqual([
      ['Ana', 'admin'],
      ['Ben', 'viewer'],
    ]);

    expect(await setMember(db, { workspaceId, email: await emailOf(ana), role: 'editor', byUserId: ana })).toEqual({ outcome: 'last-admin' });
    expect(await removeMember(db, { workspaceId, userId: ana, byUserId: ana })).toEqual({ outcome: 'last-admin' });
    expect(await setMember(db, { workspaceId, email: benEmail, role: 'admin', byUserId: ana })).toMatchObject({ outcome: 'done' });
    expect(await removeMember(db, { workspaceId, userId: ana, byUserId: ben })).toMatchObject({ outcome: 'done', member: { user: { id: ana }, role: 'admin' } });
    expect(await removeMember(db, { workspaceId, userId: ana, byUserId: ben })).toEqual({ outcome: 'not-a-member' });
    expect((await listMembers(db, workspaceId)).map((member) => [member.user.id, member.role])).toEqual([[ben, 'admin']]);
  });

  it('cannot be left without an admin by two admins demoting each other at once', async () => {
    const { db } = database;
    const ana = await addUser(db, 'Ana');
    const ben = await addUser(db, 'Ben');
    const workspaceId = (await createWorkspace(db, { name: 'Riverside', userId: ana })).id;
    const [anaEmail, benEmail] = [await emailOf(ana), await emailOf(ben)];
    await setMember(db, { workspaceId, email: benEmail, role: 'admin', byUserId: ana });
    const results = await Promise.all([
      setMember(db, { workspaceId, email: benEmail, role: 'viewer', byUserId: ana }),
      setMember(db, { workspaceId, email: anaEmail, role: 'viewer', byUserId: ben }),
    ]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['done', 'last-admin']);
    expect((await listMembers(db, workspaceId)).filter((member) => member.role === 'admin')).toHaveLength(1);
  });

  it('lists each change of one workspace only, newest first, with who made it and what, a page at a time', async () => {
    const { db } = database;
    const ana = await addUser(db, 'Ana');
    const ben = await addUser(db, 'Ben');
    const workspaceId = (await createWorkspace(db, { name: 'Riverside', userId: ana })).id;
    await createWorkspace(db, { name: 'Downs', userId: ben });
    await setMember(db, { workspaceId, email: await emailOf(ben), role: 'editor', byUserId: ana });
    const modelId = (await createModel(db, { workspaceId, name: 'Winter plan', model: smallModel(), userId: ben })).model.id;

    const all = await listAudit(db, { workspaceId });
    expect(all.map((entry) => [entry.action, entry.user?.displayName, entry.targetId])).toEqual([
      ['model.create', 'Ben', modelId],
      ['member.set', 'Ana', ben],
      ['workspace.create', 'Ana', workspaceId],
    ]);
    expect(all[1].detail).toEqual({ email: await emailOf(ben), role: 'editor' });
    const firstPage = await listAudit(db, { workspaceId, limit: 2 });
    expect(firstPage).toEqual(all.slice(0, 2));
    expect(await listAudit(db, { workspaceId, before: firstPage[1].id, limit: 2 })).toEqual(all.slice(2));
  });
});
