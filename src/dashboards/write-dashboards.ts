import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDashboards } from 'src/dashboards/dashboards';

/** Writes the dashboards as Grafana provisions them (`npm run dashboards:write`); a test checks for drift. */
export function dashboardFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(buildDashboards()).map(([file, dashboard]) => [
      file,
      `${JSON.stringify(dashboard, null, 2)}\n`,
    ]),
  );
}

if (require.main === module) {
  const directory = join(__dirname, '..', '..', '..', 'dashboards', 'grafana');
  mkdirSync(directory, { recursive: true });
  for (const [file, text] of Object.entries(dashboardFiles())) {
    writeFileSync(join(directory, file), text);
    process.stdout.write(`wrote dashboards/grafana/${file}\n`);
  }
}
