import { STALE_TRIP_MESSAGE } from '../api/concurrency';

/** A 412: the trip was changed elsewhere since it was read. */
export function StaleTripAlert({ onReload }: { onReload: () => void }) {
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{STALE_TRIP_MESSAGE}</p>
      <p>Reload it to see the latest version, then try again.</p>
      <button type="button" onClick={onReload}>
        Reload
      </button>
    </div>
  );
}
