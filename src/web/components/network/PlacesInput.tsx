/**
 * A buffer's waiting places in the nodes table: a whole number, `unlimited`, or blank for
 * the default (see DraftTextInput).
 */
import type { Places } from '../../../engine/model.js';
import { parsePlaces } from '../../networkModelEdits.js';
import { DraftTextInput } from './DraftTextInput.js';

const show = (value: Places | undefined) => (value === undefined ? '' : String(value));

export function PlacesInput(props: { value: Places | undefined; label: string; onCommit: (value: Places | undefined) => void; problem?: string; testId?: string }) {
  return <DraftTextInput {...props} width={5} parse={parsePlaces} show={show} />;
}
