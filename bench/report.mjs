// Renders a bench report as Markdown: one table row per measurement, then the machine.

function num(value, unit) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toFixed(digits);
  return unit === 'ms' || unit === undefined ? text : `${text} ${unit}`;
}

export function renderMarkdown(report) {
  const lines = [
    `Roadmap Lens bench, ${report.mode} mode, ${report.date.slice(0, 16).replace('T', ' ')} UTC — median of ${report.runs} runs (${report.hugeRuns} for the largest inputs) after ${report.warmup} warm-up.`,
    '',
    '| what | median ms | limit ms | ratio | target | ok? | CPU ratio |',
    '|---|---:|---:|---:|---|---|---:|',
  ];
  for (const row of report.rows) {
    if (row.notMeasured !== undefined) {
      const reason = String(row.notMeasured).replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 200);
      lines.push(`| ${row.what} | not measured: ${reason} | | | ${row.target} | — | |`);
      continue;
    }
    const what = row.limitWhat ? `${row.what} <br><sub>limit: ${row.limitWhat}</sub>` : row.what;
    const ratio = typeof row.ratio === 'number' ? `${row.ratio.toFixed(row.ratio < 0.1 ? 4 : 2)}×` : '—';
    const ok = row.ok === undefined ? '—' : row.ok ? 'yes' : '**no**';
    const cpu = typeof row.cpuRatio === 'number' ? `${row.cpuRatio.toFixed(row.cpuRatio < 0.1 ? 4 : 2)}×` : '—';
    lines.push(
      `| ${what} | ${num(row.median, row.unit)} | ${num(row.limit, row.limitUnit ?? row.unit)} | ${ratio} | ${row.target} | ${ok} | ${cpu} |`,
    );
  }
  const m = report.machine;
  const load = Math.max(...m.loadAverageAtStart, ...(m.loadAverageAtEnd ?? []));
  lines.push(
    '',
    'ratio = median wall time of Roadmap Lens ÷ median wall time of the raw limit, both measured alternately in this run on the same input; ' +
      'ok? judges that ratio against the target. CPU ratio = the same with CPU time (this process plus every child: git, the CLI), which stays meaningful when the machine is busy; the CPU of child processes is counted in 10 ms clock ticks, so it is coarse for rows under ~50 ms.',
  );
  if (load > m.cores) {
    lines.push(
      '',
      `**Warning: the machine was overloaded during this run (load average up to ${load.toFixed(1)} on ${m.cores} cores); wall-clock ratios mostly measure the scheduler — read the CPU ratio.**`,
    );
  }
  lines.push(
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB RAM, ${m.os}; node ${m.node}, git ${m.git}; load average (1/5/15 min) at start ${m.loadAverageAtStart.join(' / ')}${m.loadAverageAtEnd ? `, at end ${m.loadAverageAtEnd.join(' / ')}` : ''}.`,
    report.inputs.repo
      ? `Inputs: the real repository ${report.inputs.repo.dir} (${report.inputs.repo.commits} commits), its roadmap (${(report.inputs.repo.roadmapBytes / 1e3).toFixed(0)} kB); files ${report.inputs.repo.files.map((f) => `${f.path} (${f.lines} lines)`).join(', ')}. Total bench time ${report.seconds} s.`
      : `Inputs: ${report.inputs.commits} commits (and ${report.inputs.commitsHalf}), roadmap of ${report.inputs.roadmapItems} items in ${report.inputs.roadmapFiles} files (${(report.inputs.roadmapBytes / 1e6).toFixed(1)} MB), ` +
          `blame file of ${report.inputs.blameFile.lines} lines touched by ${report.inputs.blameFile.touches} commits (and ${report.inputs.blameFileHalf.lines}/${report.inputs.blameFileHalf.touches}). Total bench time ${report.seconds} s.`,
  );
  const notes = report.rows.filter((r) => r.note);
  if (notes.length > 0) {
    lines.push('', 'Notes:');
    for (const r of notes) lines.push(`- ${r.id}: ${r.note}`);
  }
  return lines.join('\n') + '\n';
}
