import { Link } from 'react-router';
import { send } from '../api/client';
import { useApi, useAuth } from '../auth/AuthContext';
import { Loaded } from '../components/Loaded';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatAmount, humanize, shortId } from '../lib/format';
import { useLoad } from '../lib/useLoad';

/** Attempts needing attention. The API decides who is an operator: its 403 is shown, never any data. */
export function OperatorPage() {
  const api = useApi();
  const { isOperator } = useAuth();
  const { state } = useLoad(() => send(api.GET('/operator/attempts')), [api]);

  if (state.status === 'error' && (state.httpStatus === 403 || state.httpStatus === 401)) {
    return (
      <Page title="Not allowed">
        <p>The operator console is for AutoBooking operators only.</p>
        <ProblemAlert problem={state.problem} />
      </Page>
    );
  }
  if (state.status === 'ready' && !isOperator) {
    return (
      <Page title="Not allowed">
        <p>The operator console is for AutoBooking operators only.</p>
      </Page>
    );
  }
  return (
    <Page title="Operator console">
      <Loaded state={state}>
        {({ items }) =>
          items.length === 0 ? (
            <p>No attempt needs attention.</p>
          ) : (
            <table>
              <caption>Attempts that need attention, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Attempt</th>
                  <th scope="col">Status</th>
                  <th scope="col">Failure code</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Hold age</th>
                </tr>
              </thead>
              <tbody>
                {items.map((attempt) => (
                  <tr key={attempt.attemptId}>
                    <td>
                      <Link to={`/operator/attempts/${attempt.attemptId}`}>Attempt {shortId(attempt.attemptId ?? '')}</Link>
                    </td>
                    <td>{humanize(attempt.status)}</td>
                    <td>{attempt.failureCode ?? '—'}</td>
                    <td>{attempt.amount !== undefined && attempt.currency ? formatAmount(attempt.amount, attempt.currency) : '—'}</td>
                    <td>{attempt.holdAgeHours !== undefined ? `${attempt.holdAgeHours.toFixed(1)} h` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </Page>
  );
}
