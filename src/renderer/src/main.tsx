/** Renderer entry: connects to the app (a launch code is exchanged first), then mounts the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prepareApi } from './api';
import './styles.css';
import './first-run.css';
import './daily-use.css';
import './learning.css';

void prepareApi().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
