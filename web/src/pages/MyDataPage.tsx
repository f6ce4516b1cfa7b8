import { useState } from 'react';
import { send } from '../api/client';
import type { components } from '../api/schema';
import type { Problem } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';

type ErasureSummary = components['schemas']['ErasureSummary'];

function download(data: unknown, fileName: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function MyDataPage() {
  const api = useApi();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [bookingInFlight, setBookingInFlight] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [downloaded, setDownloaded] = useState(false);
  const [erased, setErased] = useState<ErasureSummary | null>(null);

  async function exportData() {
    setBusy(true);
    setProblem(null);
    const result = await send(api.GET('/me/export'));
    setBusy(false);
    if (result.ok) {
      download(result.data, 'autobooking-my-data.json');
      setDownloaded(true);
    } else {
      setProblem(result.problem);
    }
  }

  async function erase() {
    setBusy(true);
    setProblem(null);
    setBookingInFlight(false);
    const result = await send(api.DELETE('/me'));
    setBusy(false);
    setConfirming(false);
    if (result.ok) {
      setErased(result.data);
    } else {
      setBookingInFlight(result.response?.status === 409);
      setProblem(result.problem);
    }
  }

  return (
    <Page title="My data">
      {problem && (
        <ProblemAlert problem={problem}>
          {bookingInFlight && <p>A booking is in flight. Nothing was deleted: try again later, once it has settled.</p>}
        </ProblemAlert>
      )}
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Your data</h2>
        <p>Everything we hold about you: trips, travelers, saved cards (brand and last digits), as a JSON file.</p>
        <button type="button" disabled={busy} onClick={() => void exportData()}>
          Download my data
        </button>
        {downloaded && <p role="status">Your data was downloaded.</p>}
      </section>
      <section aria-labelledby="erase-heading">
        <h2 id="erase-heading">Delete your account</h2>
        {erased ? (
          <div className="alert" role="status">
            <p className="alert-title">Your personal data was deleted.</p>
            <p>
              {erased.tripsCancelled ?? 0} trips cancelled, {erased.savedTravelersDeleted ?? 0} travelers and {erased.cardsDetached ?? 0} cards removed.
              Bookings are kept without your name, as the law requires.
            </p>
          </div>
        ) : (
          <>
            <p>
              Cancels your active trips, removes your travelers and cards, and deletes your personal data. Bookings are
              kept for accounting, without your name.
            </p>
            {confirming ? (
              <div className="alert alert-warning">
                <p className="alert-title">This cannot be undone. Delete everything?</p>
                <div className="button-row">
                  <button type="button" className="danger" disabled={busy} onClick={() => void erase()}>
                    Yes, delete everything
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                    Keep my account
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="danger" onClick={() => setConfirming(true)}>
                Delete my account
              </button>
            )}
          </>
        )}
      </section>
    </Page>
  );
}
