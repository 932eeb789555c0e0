import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METHODOLOGY } from 'src/domain/methodology';

const PAGE = readFileSync(join(__dirname, '..', '..', 'docs', 'methodology.md'), 'utf8');

describe('the published formulas', () => {
  it('each have a section of docs/methodology.md headed with their current version', () => {
    const headings = [...PAGE.matchAll(/^## (.+) \(version (\d+)\)$/gm)].map(([, title, version]) => ({
      title,
      version: Number(version),
    }));
    expect(headings).toEqual(METHODOLOGY.map(({ title, version }) => ({ title, version })));
  });

  it('each appear in the page’s table of versions, linked to their section', () => {
    for (const { title, version } of METHODOLOGY) {
      const anchor = `${title.toLowerCase().replaceAll(' ', '-')}-version-${version}`;
      expect(PAGE).toMatch(new RegExp(`\\| \\[${title}\\]\\(#${anchor}\\) +\\| ${version} +\\|`));
    }
  });
});
