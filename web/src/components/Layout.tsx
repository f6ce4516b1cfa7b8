import { useEffect } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';

/** Header with the navigation, and the page in <main>; focus moves to the new page's heading on navigation. */
export function Layout() {
  const { user, isOperator, signOut } = useAuth();
  const location = useLocation();

  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <span className="brand">AutoBooking</span>
        {user && (
          <nav aria-label="Main">
            <ul>
              <li>
                <NavLink to="/trips">Trips</NavLink>
              </li>
              <li>
                <NavLink to="/travelers">Travelers</NavLink>
              </li>
              <li>
                <NavLink to="/cards">Cards</NavLink>
              </li>
              <li>
                <NavLink to="/me">My data</NavLink>
              </li>
              {isOperator && (
                <li>
                  <NavLink to="/operator">Operator</NavLink>
                </li>
              )}
            </ul>
            <button type="button" className="secondary" onClick={() => void signOut()}>
              Sign out
            </button>
          </nav>
        )}
      </header>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
