import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { send, type ApiResult } from '../api/client';
import type { OperatorAction, Problem } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { AttemptFacts } from '../components/AttemptFacts';
import { FieldGroup, TextField } from '../components/fields';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { humanize, shortId } from '../lib/format';
import { useLoad } from '../lib/useLoad';

type Action = 'reconcile' | 'release' | 'record-booking' | 'cancel-order' | 'refund';

const noErrors = {};

/** One attempt: its facts, the operator's actions, and what the last action did (the providers' facts). */
export function OperatorAttemptPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const list = useLoad(() => send(api.GET('/operator/attempts')), [api]);
  const [orderId, setOrderId] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<OperatorAction | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const path = { attemptId: id };

  if (list.state.status === 'error' && (list.state.httpStatus === 403 || list.state.httpStatus === 401)) {
    return (
      <Page title="Not allowed">
        <ProblemAlert problem={list.state.problem} />
      </Page>
    );
  }

  const call = (action: Action): Promise<ApiResult<OperatorAction>> => {
    const order = orderId.trim() ? { orderId: orderId.trim() } : undefined;
    switch (action) {
      case 'reconcile':
        return send(api.POST('/operator/attempts/{attemptId}/reconcile', { params: { path } }));
      case 'release':
        return send(api.POST('/operator/attempts/{attemptId}/release', { params: { path } }));
      case 'record-booking':
        return send(api.POST('/operator/attempts/{attemptId}/record-booking', { params: { path }, body: order ?? {} }));
      case 'cancel-order':
        return send(api.POST('/operator/attempts/{attemptId}/cancel-order', { params: { path }, body: order }));
      case 'refund':
        return send(
          api.POST('/operator/attempts/{attemptId}/refund', {
            params: { path },
            body: overrideReason.trim() ? { overrideReason: overrideReason.trim() } : undefined,
          }),
        );
    }
  };

  async function run(action: Action) {
    setBusy(true);
    setProblem(null);
    const result = await call(action);
    setBusy(false);
    if (result.ok) {
      setOutcome(result.data);
      list.reload();
    } else {
      setOutcome(null);
      setProblem(result.problem);
    }
  }

  const listed = list.state.status === 'ready' ? list.state.data.items.find((attempt) => attempt.attemptId === id) : undefined;
  const attempt = outcome?.attempt ?? listed;
  const reconciliation = outcome?.reconciliation;
  const button = (action: Action, label: string) => (
    <button type="button" disabled={busy} onClick={() => void run(action)}>
      {label}
    </button>
  );

  return (
    <Page title={`Attempt ${shortId(id)}`}>
      <p>
        <Link to="/operator">Back to the operator console</Link>
      </p>
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">Facts</h2>
        {attempt ? <AttemptFacts attempt={attempt} /> : <p>This attempt is not in the attention list. Reconcile it to read its facts.</p>}
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Actions</h2>
        {problem && (
          <ProblemAlert problem={problem}>{problem.reason && <p>Reason: {humanize(problem.reason)}</p>}</ProblemAlert>
        )}
        <div className="button-row">
          {button('reconcile', 'Reconcile')}
          {button('release', 'Release')}
        </div>
        <FieldGroup legend="Duffel order" pointer="/orderId" errors={noErrors}>
          <TextField
            label="Order id"
            hint="ord_…; required to record a booking, optional to cancel (else the attempt's own order)."
            pointer="/orderId"
            errors={noErrors}
            value={orderId}
            onChange={setOrderId}
          />
          <div className="button-row">
            {button('record-booking', 'Record booking')}
            {button('cancel-order', 'Cancel order')}
          </div>
        </FieldGroup>
        <FieldGroup legend="Refund" pointer="/refund" errors={noErrors}>
          <TextField
            label="Override reason"
            hint="Only when the order is live and the traveler keeps the ticket (10 to 500 characters; audited)."
            pointer="/overrideReason"
            errors={noErrors}
            value={overrideReason}
            onChange={setOverrideReason}
          />
          <div className="button-row">{button('refund', 'Refund')}</div>
        </FieldGroup>
      </section>

      {outcome && (
        <section aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">Outcome</h2>
          <p role="status">
            {humanize(outcome.action)} done{outcome.note ? `: ${outcome.note}` : '.'}
          </p>
          {reconciliation && (
            <dl className="facts">
              <dt>Outcome</dt>
              <dd>{humanize(reconciliation.outcome)}</dd>
              <dt>Card hold (Stripe)</dt>
              <dd>{reconciliation.hold ?? 'unknown'}</dd>
              <dt>Order (Duffel)</dt>
              <dd>{reconciliation.order ?? 'unknown'}</dd>
              <dt>Blocker</dt>
              <dd>{reconciliation.blocker ?? 'none'}</dd>
              <dt>Steps</dt>
              <dd>{(reconciliation.steps ?? []).length > 0 ? (reconciliation.steps ?? []).join(', ') : 'none'}</dd>
            </dl>
          )}
        </section>
      )}
    </Page>
  );
}
