import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { installHttpBridge } from './http-bridge.js';
import { paletteCssVariables } from './lib/colors.js';
import './styles.css';

// In a plain browser (`sapling ui`) nothing installed window.sapling: talk to the server over HTTP.
installHttpBridge();

// Sign and path colours come from the palette shared with the report (styles.css reads these variables).
for (const [name, value] of Object.entries(paletteCssVariables()))
  document.documentElement.style.setProperty(name, value);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
