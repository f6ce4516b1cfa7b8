import { genders, titles, type Companion, type Gender, type Title } from '../lib/companions';
import { SelectField, TextField, type FieldErrors } from './fields';

interface Props {
  person: Companion;
  /** The JSON pointer of the person in the request ("" for a body that is the person itself). */
  pointer: string;
  errors: FieldErrors;
  onChange: (change: Partial<Companion>) => void;
}

/** Title, names, birth date, gender, email and phone of one traveler. */
export function PersonFields({ person, pointer, errors, onChange }: Props) {
  return (
    <>
      <SelectField
        label="Title"
        pointer={`${pointer}/title`}
        errors={errors}
        value={person.title}
        onChange={(title) => onChange({ title: title as Title })}
        options={titles.map((title) => ({ value: title, label: title.charAt(0).toUpperCase() + title.slice(1) }))}
      />
      <TextField label="Given name" autoComplete="off" pointer={`${pointer}/givenName`} errors={errors} value={person.givenName} onChange={(givenName) => onChange({ givenName })} />
      <TextField label="Family name" autoComplete="off" pointer={`${pointer}/familyName`} errors={errors} value={person.familyName} onChange={(familyName) => onChange({ familyName })} />
      <TextField type="date" label="Date of birth" pointer={`${pointer}/bornOn`} errors={errors} value={person.bornOn} onChange={(bornOn) => onChange({ bornOn })} />
      <SelectField
        label="Gender"
        pointer={`${pointer}/gender`}
        errors={errors}
        value={person.gender}
        onChange={(gender) => onChange({ gender: gender as Gender })}
        options={genders}
      />
      <TextField type="email" label="Email" autoComplete="off" pointer={`${pointer}/email`} errors={errors} value={person.email} onChange={(email) => onChange({ email })} />
      <TextField
        type="tel"
        label="Phone"
        hint="International format, e.g. +442080160508."
        autoComplete="off"
        pointer={`${pointer}/phone`}
        errors={errors}
        value={person.phone}
        onChange={(phone) => onChange({ phone })}
      />
    </>
  );
}
