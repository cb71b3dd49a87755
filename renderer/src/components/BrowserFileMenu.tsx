import { browserMode } from '../http-bridge.js';

/**
 * Browser mode (`sapling ui`) has no native File menu: its project commands live here, under the steps, and go
 * through the same onMenuCommand path as the desktop's menu. Renders nothing in the desktop app.
 */
export function BrowserFileMenu() {
  const http = browserMode();
  if (http === undefined) return null;
  const items = [
    ['open-project', 'Open project…', 'Upload a .sapling project file'],
    ['save-project', 'Save project', 'Download the project: data reference, settings, result and run log'],
    ['save-project-as', 'Save project as…', 'Download the project under a new name'],
  ] as const;
  return (
    <div className="nav-menu" role="group" aria-labelledby="nav-menu-heading">
      <p className="nav-menu-heading" id="nav-menu-heading">
        Project
      </p>
      {items.map(([command, label, title]) => (
        <button
          key={command}
          type="button"
          className="nav-menu-item"
          title={title}
          data-testid={`menu-${command}`}
          onClick={() => http.menuCommand(command)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
