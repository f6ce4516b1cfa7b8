import { Link } from 'react-router';
import { send } from '../api/client';
import { useApi } from '../auth/AuthContext';
import { Loaded } from '../components/Loaded';
import { Page } from '../components/Page';
import { formatDate, formatMoney, humanize } from '../lib/format';
import { useLoad } from '../lib/useLoad';

export function TripsPage() {
  const api = useApi();
  const { state } = useLoad(() => send(api.GET('/trips', { params: { query: { limit: 100 } } })), [api]);

  return (
    <Page title="Your trips">
      <p>
        <Link className="button" to="/trips/new">
          New trip
        </Link>
      </p>
      <Loaded state={state}>
        {(page) =>
          (page.items ?? []).length === 0 ? (
            <p>You have no trips yet. Start one with “New trip”.</p>
          ) : (
            <table>
              <caption>Your trips, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Route</th>
                  <th scope="col">Departure</th>
                  <th scope="col">Max price</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(page.items ?? []).map((trip) => (
                  <tr key={trip.id}>
                    <td>
                      {trip.origin} → {trip.destination}
                    </td>
                    <td>{formatDate(trip.departureDate)}</td>
                    <td>{formatMoney(trip.maxPrice)}</td>
                    <td>{humanize(trip.status)}</td>
                    <td>
                      <Link to={`/trips/${trip.id}`}>
                        Open trip<span className="visually-hidden"> {trip.origin} → {trip.destination}</span>
                      </Link>
                    </td>
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
