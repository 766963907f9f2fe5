import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { Link, Redirect, Route, Switch, useLocation } from "wouter";

import { ActiveJobs } from "./components/jobs";
import { ErrorView, NotFound } from "./components/states";
import { parseId } from "./lib/errors";
import { useRouteFocus } from "./lib/route-focus";
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
  const main = useRef<HTMLElement>(null);
  useRouteFocus(main, !(me.isError && isUnauthorized(me.error)));
  if (me.isError) {
    return isUnauthorized(me.error) ? (
      <SignIn />
    ) : (
      <ErrorView error={me.error} retry={() => void me.refetch()} />
    );
  }
  return (
    <div className="layout">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // Focus rather than follow the fragment: the router owns the URL, and focus is what a skip link is for.
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <Header user={me.data?.tokenName} scope={me.data?.scope} />
      {me.data && <ActiveJobs canCancel={me.data.scope !== "read"} />}
      <main id="main" ref={main} tabIndex={-1}>
        <Switch>
          <Route path="/">
            <Redirect to="/models" />
          </Route>
          <Route path="/models" component={ModelsPage} />
          <Route path="/models/:id">
            {(params) => withId(params.id, "Model", (id) => <ModelPage id={id} />)}
          </Route>
          <Route path="/suites" component={SuitesPage} />
          <Route path="/suites/:id">
            {(params) =>
              withId(params.id, "Test suite", (id) => <SuitePage testSuiteId={id} />, SUITES)
            }
          </Route>
          <Route path="/test-cases/:id">
            {(params) => withId(params.id, "Test case", (id) => <TestCasePage id={id} />, SUITES)}
          </Route>
          <Route path="/results" component={ResultsPage} />
          <Route path="/audit" component={AuditPage} />
          <Route>
            <NotFound what="Page" />
          </Route>
        </Switch>
      </main>
    </div>
  );
}

const SUITES = { href: "/suites", label: "All test suites" };

/** A page for a well-formed id; anything else ("abc") is not found without asking the server. */
function withId(
  param: string | undefined,
  what: string,
  page: (id: number) => React.ReactNode,
  back?: { href: string; label: string },
) {
  const id = parseId(param);
  return id === undefined ? <NotFound what={what} id={param} back={back} /> : page(id);
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
