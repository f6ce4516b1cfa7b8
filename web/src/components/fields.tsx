import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import type { ProblemView } from '../api/problems';

export type FieldErrors = ProblemView['fieldErrors'];

/** A stable element id for the field that owns a JSON pointer. */
export function fieldId(pointer: string): string {
  return `field${pointer.replace(/[^A-Za-z0-9]/g, '-')}`;
}

/** The attributes tying a control to its hint and error messages. */
function describedBy(pointer: string, errors: FieldErrors, hint?: string) {
  const id = fieldId(pointer);
  const invalid = (errors[pointer]?.length ?? 0) > 0;
  const ids = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, 'aria-invalid': invalid || undefined, 'aria-describedby': ids || undefined };
}

function Messages({ pointer, errors, hint }: { pointer: string; errors: FieldErrors; hint?: string }) {
  const id = fieldId(pointer);
  const messages = errors[pointer];
  return (
    <>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {messages && messages.length > 0 && (
        <span className="field-error" id={`${id}-error`}>
          {messages.join(' ')}
        </span>
      )}
    </>
  );
}

interface Common {
  label: string;
  pointer: string;
  errors: FieldErrors;
  hint?: string;
}

type TextFieldProps = Common &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & { value: string; onChange: (value: string) => void };

export function TextField({ label, pointer, errors, hint, value, onChange, ...input }: TextFieldProps) {
  const attributes = describedBy(pointer, errors, hint);
  return (
    <div className="field">
      <label htmlFor={attributes.id}>{label}</label>
      <Messages pointer={pointer} errors={errors} hint={hint} />
      <input type="text" {...input} {...attributes} value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

type SelectFieldProps = Common &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> & {
    value: string;
    onChange: (value: string) => void;
    options: readonly { value: string; label: string }[];
  };

export function SelectField({ label, pointer, errors, hint, value, onChange, options, ...select }: SelectFieldProps) {
  const attributes = describedBy(pointer, errors, hint);
  return (
    <div className="field">
      <label htmlFor={attributes.id}>{label}</label>
      <Messages pointer={pointer} errors={errors} hint={hint} />
      <select {...select} {...attributes} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type CheckboxFieldProps = Common & { checked: boolean; onChange: (checked: boolean) => void };

export function CheckboxField({ label, pointer, errors, hint, checked, onChange }: CheckboxFieldProps) {
  const attributes = describedBy(pointer, errors, hint);
  return (
    <div className="field field-checkbox">
      <input type="checkbox" {...attributes} checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={attributes.id}>{label}</label>
      <Messages pointer={pointer} errors={errors} hint={hint} />
    </div>
  );
}

/** A group of controls (checkboxes, a pair of fields) with one legend and the group's messages. */
export function FieldGroup({ legend, pointer, errors, hint, children }: Omit<Common, 'label'> & { legend: string; children: ReactNode }) {
  const attributes = describedBy(pointer, errors, hint);
  return (
    <fieldset id={attributes.id} aria-describedby={attributes['aria-describedby']} className="group">
      <legend>{legend}</legend>
      <Messages pointer={pointer} errors={errors} hint={hint} />
      {children}
    </fieldset>
  );
}
