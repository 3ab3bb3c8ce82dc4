/**
 * The last line of defence: a render error anywhere below shows a message and a way on,
 * never a white page. Models from outside are validated before they get here, so this is
 * for the bugs that validation cannot foresee.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { STORAGE_KEY } from '../persist.js';

interface Props {
  children: ReactNode;
}

interface State {
  error?: Error;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for whoever reports the bug; the page says what to do.
    console.error('Pathflow could not show the page:', error, info.componentStack);
  }

  /** The saved model may be what fails to render: starting again must not bring it back. */
  private startAgain = () => {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage unavailable: there is nothing saved to clear.
    }
    location.assign(location.pathname + location.search);
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="nhsuk-width-container pf-width">
        <main className="nhsuk-main-wrapper" id="maincontent">
          <div className="nhsuk-error-summary" role="alert" data-testid="app-error">
            <h1 className="nhsuk-error-summary__title">Pathflow could not show this page</h1>
            <div className="nhsuk-error-summary__body">
              <p>Something went wrong while drawing the page: {error.message}</p>
              <p>Reload to try again. If it happens again, start again with the example: that clears the model saved in this browser.</p>
              <div className="pf-button-row">
                <button type="button" className="nhsuk-button" onClick={() => location.reload()}>
                  Reload
                </button>
                <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={this.startAgain} data-testid="start-again">
                  Start again with the example
                </button>
              </div>
            </div>
          </div>
        </main>
      </div>
    );
  }
}
