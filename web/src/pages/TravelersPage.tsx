import { useState, type FormEvent } from 'react';
import { newIdempotencyKey, send } from '../api/client';
import type { Problem, Traveler, TravelerInput } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { ErrorSummary } from '../components/ErrorSummary';
import { FieldGroup, SelectField, TextField } from '../components/fields';
import { Loaded } from '../components/Loaded';
import { Page } from '../components/Page';
import { PersonFields } from '../components/PersonFields';
import { ProblemAlert } from '../components/ProblemAlert';
import { companionFields, emptyCompanion, type Companion } from '../lib/companions';
import { formatDate } from '../lib/format';
import { useFormProblem } from '../lib/useFormProblem';
import { useLoad } from '../lib/useLoad';

export function TravelersPage() {
  const api = useApi();
  const { state, reload } = useLoad(() => send(api.GET('/travelers', { params: { query: { limit: 100 } } })), [api]);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function remove(traveler: Traveler) {
    setProblem(null);
    const result = await send(api.DELETE('/travelers/{id}', { params: { path: { id: traveler.id ?? '' } } }));
    if (result.ok) {
      reload();
    } else {
      setProblem(result.problem);
    }
  }

  return (
    <Page title="Travelers">
      <p>The people you book for. Passport numbers are stored encrypted and shown masked.</p>
      {problem && <ProblemAlert problem={problem} />}
      <Loaded state={state}>
        {(page) =>
          (page.items ?? []).length === 0 ? (
            <p>No saved travelers yet.</p>
          ) : (
            <table>
              <caption>Saved travelers</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Date of birth</th>
                  <th scope="col">Identity document</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(page.items ?? []).map((traveler) => (
                  <tr key={traveler.id}>
                    <td>
                      {traveler.givenName} {traveler.familyName}
                    </td>
                    <td>{formatDate(traveler.bornOn)}</td>
                    <td>
                      {traveler.document
                        ? `${traveler.document.type === 'identity_card' ? 'Identity card' : 'Passport'} ${traveler.document.numberMasked ?? ''}, expires ${formatDate(traveler.document.expiresOn)}`
                        : 'None'}
                    </td>
                    <td>
                      <button type="button" className="secondary" onClick={() => void remove(traveler)}>
                        Delete<span className="visually-hidden"> {traveler.givenName} {traveler.familyName}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      <AddTraveler onAdded={reload} />
    </Page>
  );
}

type DocumentType = 'none' | 'passport' | 'identity_card';
interface DocumentDraft {
  type: DocumentType;
  number: string;
  issuingCountry: string;
  expiresOn: string;
}
const emptyDocument: DocumentDraft = { type: 'none', number: '', issuingCountry: '', expiresOn: '' };

const pointers = [
  ...companionFields.map((field) => `/${field}`),
  '/document',
  '/document/type',
  '/document/number',
  '/document/issuingCountry',
  '/document/expiresOn',
];

function AddTraveler({ onAdded }: { onAdded: () => void }) {
  const api = useApi();
  const [person, setPerson] = useState<Companion>(emptyCompanion);
  const [document, setDocument] = useState<DocumentDraft>(emptyDocument);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [added, setAdded] = useState<string | null>(null);
  const { problem, view, setProblem } = useFormProblem(pointers);
  const errors = view.fieldErrors;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    const body: TravelerInput = {
      ...person,
      document:
        document.type === 'none'
          ? null
          : {
              type: document.type,
              number: document.number.replace(/\s/g, '').toUpperCase(),
              issuingCountry: document.issuingCountry.trim().toUpperCase(),
              expiresOn: document.expiresOn,
            },
    };
    const result = await send(api.POST('/travelers', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));
    if (result.ok) {
      setProblem(null);
      setAdded(`${result.data.givenName} ${result.data.familyName} was added.`);
      setPerson(emptyCompanion);
      setDocument(emptyDocument);
      setIdempotencyKey(newIdempotencyKey());
      onAdded();
    } else {
      setProblem(result.problem);
    }
  }

  return (
    <section aria-labelledby="add-traveler-heading">
      <h2 id="add-traveler-heading">Add traveler</h2>
      <form noValidate aria-labelledby="add-traveler-heading" onSubmit={(event) => void submit(event)}>
        {problem && <ErrorSummary problem={problem} view={view} />}
        {added && (
          <p className="alert" role="status">
            {added}
          </p>
        )}
        <PersonFields person={person} pointer="" errors={errors} onChange={(change) => setPerson((current) => ({ ...current, ...change }))} />
        <FieldGroup legend="Passport or identity card" hint="Many international flights need a passport." pointer="/document" errors={errors}>
          <SelectField
            label="Document type"
            pointer="/document/type"
            errors={errors}
            value={document.type}
            onChange={(type) => setDocument((current) => ({ ...current, type: type as DocumentType }))}
            options={[
              { value: 'none', label: 'None' },
              { value: 'passport', label: 'Passport' },
              { value: 'identity_card', label: 'Identity card' },
            ]}
          />
          {document.type !== 'none' && (
            <>
              <TextField
                label="Document number"
                autoComplete="off"
                pointer="/document/number"
                errors={errors}
                value={document.number}
                onChange={(number) => setDocument((current) => ({ ...current, number }))}
              />
              <TextField
                label="Issuing country"
                hint="Two letters, e.g. GB."
                maxLength={2}
                pointer="/document/issuingCountry"
                errors={errors}
                value={document.issuingCountry}
                onChange={(issuingCountry) => setDocument((current) => ({ ...current, issuingCountry }))}
              />
              <TextField
                type="date"
                label="Document expiry date"
                pointer="/document/expiresOn"
                errors={errors}
                value={document.expiresOn}
                onChange={(expiresOn) => setDocument((current) => ({ ...current, expiresOn }))}
              />
            </>
          )}
        </FieldGroup>
        <button type="submit">Add traveler</button>
      </form>
    </section>
  );
}
