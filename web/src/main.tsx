import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AuthProvider } from './auth/AuthContext';
import { createUserManager } from './auth/userManager';
import { loadConfig } from './config';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

async function start() {
  const config = await loadConfig();
  const userManager = createUserManager(config);
  const user = await userManager.getUser();
  root.render(
    <AuthProvider config={config} userManager={userManager} initialUser={user}>
      <App />
    </AuthProvider>,
  );
}

start().catch((error: unknown) => {
  root.render(
    <>
      <header className="site-header">
        <span className="brand">AutoBooking</span>
      </header>
      <main id="main">
        <h1>AutoBooking is unavailable</h1>
        <div className="alert alert-error" role="alert">
          <p className="alert-title">The app could not start</p>
          <p>{error instanceof Error ? error.message : String(error)}</p>
        </div>
      </main>
    </>,
  );
});
