/** A number field of the network editor: see DraftTextInput. */
import { parseNumber } from '../../modelEdits.js';
import { DraftTextInput } from './DraftTextInput.js';

export interface DraftNumberInputProps {
  value: number | undefined;
  label: string;
  rule: Parameters<typeof parseNumber>[1];
  onCommit: (value: number | undefined) => void;
  /** The validator's problem at this field, or a group's this field belongs to. */
  problem?: string;
  /** The id of a group's error message this field is part of. */
  describedBy?: string;
  testId?: string;
  width?: 2 | 3 | 4 | 5;
}

const show = (value: number | undefined) => (value === undefined ? '' : String(value));

export function DraftNumberInput({ rule, width = 4, ...rest }: DraftNumberInputProps) {
  return <DraftTextInput {...rest} width={width} parse={(text) => parseNumber(text, rule)} show={show} inputMode="decimal" />;
}
