/**
 * A link to a model in the team workspace: the address of the app with the workspace and
 * the model named in its query. It carries no model, only where it is, so opening it needs
 * a sign-in and a role in that workspace; served as static files the app ignores it.
 */
export interface TeamModelAddress {
  workspaceId: string;
  modelId: string;
}

export function teamModelLink(address: TeamModelAddress, origin = location.origin, pathname = location.pathname): string {
  const query = new URLSearchParams({ workspace: address.workspaceId, model: address.modelId });
  return `${origin}${pathname}?${query.toString()}`;
}

export function teamModelAddress(search: string): TeamModelAddress | undefined {
  const query = new URLSearchParams(search);
  const workspaceId = query.get('workspace');
  const modelId = query.get('model');
  return workspaceId && modelId ? { workspaceId, modelId } : undefined;
}

/** Drops the model's address once it is open, so a reload does not open it over later edits. */
export function forgetTeamModelAddress(): void {
  const query = new URLSearchParams(location.search);
  query.delete('workspace');
  query.delete('model');
  const rest = query.toString();
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
}
