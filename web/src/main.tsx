import { render } from 'preact';
import { useErrorBoundary } from 'preact/hooks';
import { LocationProvider, Route, Router } from 'preact-iso';
import { Provider } from '@urql/preact';
import type { ComponentChildren } from 'preact';
import { createApiClient } from './client';
import { Layout } from './components/layout';
import { NotFound } from './components/errors';
import { NetworkPanel } from './views/network';
import { OperatorsTable } from './views/operators';
import { OperatorPage } from './views/operator';
import { SimulatorPage } from './views/simulator';
import { PositionsPage } from './views/positions';
import { NextCommitteePage } from './views/next-committee';
import './styles.css';

function Home() {
  return (
    <>
      <NetworkPanel />
      <OperatorsTable />
    </>
  );
}

/** A fault in a view shows a sentence and a way back, never a stack trace or a blank page. */
function Guard({ children }: { children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary() as [unknown, () => void];
  if (error !== undefined) {
    return (
      <div class="error" role="alert">
        <strong>This view could not be shown.</strong>
        <p>
          <button type="button" onClick={reset}>
            Try again
          </button>{' '}
          or <a href="/">go back to the network</a>.
        </p>
      </div>
    );
  }
  return <>{children}</>;
}

function App() {
  return (
    <Provider value={createApiClient()}>
      <LocationProvider>
        <Layout>
          <Guard>
            <Router>
              <Route path="/" component={Home} />
              <Route path="/operators/:id" component={({ id }: { id: string }) => <OperatorPage id={id} />} />
              <Route path="/simulate" component={SimulatorPage} />
              <Route
                path="/positions/:address?"
                component={({ address }: { address?: string }) => <PositionsPage address={address} />}
              />
              <Route path="/next" component={NextCommitteePage} />
              <Route default component={() => <NotFound what="There is no such page." />} />
            </Router>
          </Guard>
        </Layout>
      </LocationProvider>
    </Provider>
  );
}

const root = document.getElementById('app');
if (root !== null) {
  render(<App />, root);
}
