/** The report's stylesheet: light by default, dark with prefers-color-scheme, series colours that read on both. */
export const STYLE = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--grid:#d8dee4;--axis:#59636e;--card:#f6f8fa;--bad:#cf222e;--good:#1a7f37;
--c1:#0969da;--c2:#bc4c00;--c3:#1a7f37;--c4:#8250df;--c5:#bf3989;--c6:#9a6700;--c7:#0a7b83;--c8:#57606a}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--grid:#30363d;--axis:#9198a1;--card:#161b22;--bad:#ff7b72;--good:#3fb950;
--c1:#58a6ff;--c2:#f0883e;--c3:#3fb950;--c4:#bc8cff;--c5:#ff7eb6;--c6:#d29922;--c7:#39c5cf;--c8:#8b949e}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 8px;border-bottom:1px solid var(--grid);padding-bottom:4px}
.muted,.empty{color:var(--muted)}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.kpi{background:var(--card);border-radius:8px;padding:10px 14px;min-width:140px}.kpi b{display:block;font-size:20px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:16px}
figure{margin:0;background:var(--card);border-radius:8px;padding:8px}figcaption{font-weight:600;margin:0 0 4px 4px}
svg.chart{width:100%;height:auto;display:block}
svg text{fill:var(--fg);font-size:11px}svg .tick{fill:var(--muted)}svg .axis-title{fill:var(--muted);font-size:11px}
svg .grid{stroke:var(--grid);stroke-width:1}svg .axis{stroke:var(--axis);stroke-width:1}
svg .line{fill:none;stroke-width:2}
${[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `svg .line.c${i}{stroke:var(--c${i})}svg .c${i}:not(.line){fill:var(--c${i})}`).join('')}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--grid)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.regression{color:var(--bad);font-weight:600}.better{color:var(--good)}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
`
