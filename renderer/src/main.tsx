import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { installHttpBridge } from './http-bridge.js';
import './styles.css';

// In a plain browser (`sapling ui`) nothing installed window.sapling: talk to the server over HTTP.
installHttpBridge();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
