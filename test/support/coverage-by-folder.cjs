// Istanbul reporter for `npm test -- --coverage`: one line per source folder (statements and
// branches), the view a reader of the README's coverage table wants; per-file detail is in
// coverage/index.html.
const { ReportBase } = require('istanbul-lib-report');

const pct = (m) => (m.total === 0 ? '100.0' : ((100 * m.covered) / m.total).toFixed(1)).padStart(6);

class CoverageByFolder extends ReportBase {
  constructor() {
    super({ summarizer: 'pkg' });
    this.rows = [];
  }

  onStart(_root, context) {
    this.writer = context.writer.writeFile(null);
  }

  onSummary(node) {
    const s = node.getCoverageSummary();
    const name = node.isRoot() ? 'all' : node.getRelativeName().replace(/\/$/, '');
    this.rows.push([name, pct(s.statements), pct(s.branches), `${s.statements.covered}/${s.statements.total}`]);
  }

  onEnd() {
    const width = Math.max(...this.rows.map((r) => r[0].length), 6);
    this.writer.println(`${'folder'.padEnd(width)}  stmts %  branch %  statements`);
    const [all, ...folders] = this.rows;
    for (const r of [...folders.sort((a, b) => a[0].localeCompare(b[0])), all]) this.writer.println(`${r[0].padEnd(width)}  ${r[1]}    ${r[2]}    ${r[3]}`);
    this.writer.close();
  }
}

module.exports = CoverageByFolder;
