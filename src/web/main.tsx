import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import './app.css';
import { App } from './App.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
