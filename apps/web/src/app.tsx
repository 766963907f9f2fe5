import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, Redirect, Route, Switch, useLocation } from "wouter";

import { ActiveJobs } from "./components/jobs";
import { ErrorView } from "./components/states";
import { isUnauthorized, trpc } from "./lib/trpc";
import { AuditPage } from "./routes/audit-page";
import { ModelPage } from "./routes/model-page";
import { ModelsPage } from "./routes/models-page";
import { ResultsPage } from "./routes/results-page";
import { SignIn } from "./routes/sign-in";
import { SuitePage } from "./routes/suite-page";
import { SuitesPage } from "./routes/suites-page";
import { TestCasePage } from "./routes/test-case-page";

/**
 * The registry's pages, or the sign-in form once the server says there is no session. Pages load alongside the
 * session check rather than after it: one round trip less before anything shows.
 */
export function App() {
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { retry: false }));
  if (me.isError) {
    return isUnauthorized(me.error) ? (
      <SignIn />
    ) : (
      <ErrorView error={me.error} retry={() => void me.refetch()} />
    );
  }
  return (
    <div className="layout">
      <Header user={me.data?.tokenName} scope={me.data?.scope} />
      {me.data && <ActiveJobs canCancel={me.data.scope !== "read"} />}
      <main>
        <Switch>
          <Route path="/">
            <Redirect to="/models" />
          </Route>
          <Route path="/models" component={ModelsPage} />
          <Route path="/models/:id">{(params) => <ModelPage id={Number(params.id)} />}</Route>
          <Route path="/suites" component={SuitesPage} />
          <Route path="/suites/:id">
            {(params) => <SuitePage testSuiteId={Number(params.id)} />}
          </Route>
          <Route path="/test-cases/:id">
            {(params) => <TestCasePage id={Number(params.id)} />}
          </Route>
          <Route path="/results" component={ResultsPage} />
          <Route path="/audit" component={AuditPage} />
          <Route>
            <div className="state">
              Nothing here. <Link href="/models">Go to the models</Link>.
            </div>
          </Route>
        </Switch>
      </main>
    </div>
  );
}

function Header({ user, scope }: { user: string | undefined; scope: string | undefined }) {
  const [location] = useLocation();
  const queryClient = useQueryClient();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({ onSuccess: () => queryClient.resetQueries() }),
  );
  const section = (href: string, label: string) => (
    <Link
      href={href}
      className={location.startsWith(href) ? "active" : ""}
      aria-current={location.startsWith(href) ? "page" : undefined}
    >
      {label}
    </Link>
  );
  return (
    <header className="topbar">
      <Link href="/models" className="brand">
        Assay
      </Link>
      <nav aria-label="Sections">
        {section("/models", "Models")}
        {section("/suites", "Test suites")}
        {section("/results", "Results")}
        {scope === "admin" && section("/audit", "Audit log")}
      </nav>
      <div className="who">
        {user && <span title={`token scope: ${scope}`}>{user}</span>}
        <button type="button" className="link" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
