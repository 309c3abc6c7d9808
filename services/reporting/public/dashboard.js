// Rapport dashboard: reads the reporting API with the pasted key and redraws every few seconds.
// No build step: Chart.js's UMD build is loaded by index.html from /dashboard/vendor/.
// Everything from the API is written with textContent (member names are user content).

const REFRESH_MS = 5000;
const STAGES = ['new', 'casual', 'engaged', 'advocate', 'at_risk', 'lapsed'];
const STAGE_COLORS = ['#9aa5b8', '#c5cbd6', '#3b6cf6', '#1fa37a', '#e6a23c', '#c0392b'];
const store = window.sessionStorage;

const $ = (id) => document.getElementById(id);
const state = { key: '', brand: '', interval: 'week', timer: 0, charts: {} };
// For the browser test and the curious: the charts and the data they show.
window.rapportDashboard = { charts: state.charts, data: null, refreshes: 0 };

function setStatus(text, isError = false) {
  const el = $('status');
  el.textContent = text;
  el.className = isError ? 'error' : '';
}

async function api(path) {
  const response = await fetch(path, { headers: { authorization: `Bearer ${state.key}` } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${response.status} ${body.title ?? ''}: ${body.detail ?? ''}`.trim());
  return body;
}

const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
const num = (v, digits = 0) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

function setKpi(id, value, text) {
  const el = $(id);
  el.dataset.value = value === null || value === undefined ? '' : String(value);
  el.textContent = text;
}

function chart(id, config) {
  if (!state.charts[id]) state.charts[id] = new window.Chart($(id), config);
  return state.charts[id];
}

function renderHealth(series) {
  const last = series.at(-1) ?? {};
  setKpi('kpi-members', last.members, num(last.members));
  setKpi('kpi-active', last.activeMembers, num(last.activeMembers));
  setKpi('kpi-new', last.newMembers, num(last.newMembers));
  setKpi('kpi-retention', last.retentionRate, pct(last.retentionRate));
  setKpi('kpi-response', last.responseRate, pct(last.responseRate));
  setKpi('kpi-sentiment', last.netSentiment, num(last.netSentiment, 2));

  const health = chart('health-chart', {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: { animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  health.data.labels = series.map((p) => (p.partial ? `${p.periodStart}*` : p.periodStart));
  health.data.datasets = [
    { label: 'Active', data: series.map((p) => p.activeMembers), borderColor: '#3b6cf6', backgroundColor: '#3b6cf6' },
    { label: 'New', data: series.map((p) => p.newMembers), borderColor: '#1fa37a', backgroundColor: '#1fa37a' },
    { label: 'Returning', data: series.map((p) => p.returningMembers), borderColor: '#8e6cf6', backgroundColor: '#8e6cf6' },
    { label: 'Churned', data: series.map((p) => p.churnedMembers), borderColor: '#c0392b', backgroundColor: '#c0392b' },
  ];
  health.update('none');

  const stages = chart('stage-chart', {
    type: 'doughnut',
    data: { labels: STAGES, datasets: [{ data: [], backgroundColor: STAGE_COLORS }] },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'right' } } },
  });
  stages.data.datasets[0].data = STAGES.map((s) => last.stageCounts?.[s] ?? 0);
  stages.update('none');
}

function renderFunnel(funnel) {
  const bars = chart('funnel-chart', {
    type: 'bar',
    data: { labels: ['acquired', 'engaged', 'advocate', 'converted'], datasets: [{ label: 'Members', data: [], backgroundColor: ['#9aa5b8', '#3b6cf6', '#1fa37a', '#e6a23c'] }] },
    options: { animation: false, maintainAspectRatio: false, indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  bars.data.datasets[0].data = [funnel.acquired, ...funnel.steps.map((s) => s.members)];
  bars.update('none');

  const body = $('revenue').tBodies[0];
  body.replaceChildren(...funnel.revenueByStage.map((r) => row([r.stage, r.currency, [num(r.conversions), 'num'], [num(r.revenue, 2), 'num']])));
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const [text, cls] = Array.isArray(cell) ? cell : [cell, ''];
    const td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    tr.append(td);
  }
  return tr;
}

function renderCohorts(cohorts) {
  const table = $('cohorts');
  const width = Math.max(0, ...cohorts.map((c) => c.active.length));
  const head = document.createElement('tr');
  for (const label of ['Cohort', 'Size', ...Array.from({ length: width }, (_, k) => `+${k}`)]) {
    const th = document.createElement('th');
    th.textContent = label;
    head.append(th);
  }
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...cohorts.map((c) => {
    const tr = row([c.periodStart, [num(c.size), 'num']]);
    for (const share of c.active) {
      const td = document.createElement('td');
      td.textContent = pct(share);
      td.dataset.value = String(share);
      // Heat: the larger the share, the deeper the blue (CSSOM, allowed by the page's CSP).
      td.style.background = `rgba(59, 108, 246, ${Math.min(1, share).toFixed(2)})`;
      td.style.color = share > 0.5 ? '#fff' : '';
      tr.append(td);
    }
    return tr;
  }));
}

function renderMembers(page) {
  $('members').tBodies[0].replaceChildren(...page.items.map((m) => {
    const tr = row([m.displayName ?? m.identities[0]?.handle ?? m.memberId, m.stage, [num(m.level), 'num'], [num(m.score, 1), 'num'], [num(m.love, 1), 'num']]);
    tr.dataset.memberId = m.memberId;
    return tr;
  }));
}

function renderAlerts(alerts) {
  const list = $('alerts');
  list.replaceChildren(...alerts.items.map((a) => {
    const li = document.createElement('li');
    li.textContent = `${a.at.slice(0, 16).replace('T', ' ')} — ${a.memberId}: ${a.kind.replaceAll('_', ' ')} (was ${a.previousStage ?? '–'})`;
    return li;
  }));
  if (alerts.items.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'No alerts.';
    list.append(li);
  }
}

async function refresh() {
  const brand = encodeURIComponent(state.brand);
  const cohortInterval = state.interval === 'month' ? 'month' : 'week';
  try {
    const [health, funnel, cohorts, members, alerts] = await Promise.all([
      api(`/v1/brands/${brand}/health?interval=${state.interval}`),
      api(`/v1/brands/${brand}/funnel`),
      api(`/v1/brands/${brand}/cohorts?interval=${cohortInterval}`),
      api(`/v1/brands/${brand}/members?limit=10`),
      api(`/v1/brands/${brand}/alerts?limit=20`),
    ]);
    renderHealth(health.series);
    renderFunnel(funnel);
    renderCohorts(cohorts.cohorts);
    renderMembers(members);
    renderAlerts(alerts);
    window.rapportDashboard.data = { health, funnel, cohorts, members, alerts };
    window.rapportDashboard.refreshes += 1;
    $('board').hidden = false;
    setStatus(`Live — updated ${new Date().toLocaleTimeString()}`);
  } catch (err) {
    setStatus(String(err.message ?? err), true);
  }
}

function rememberBrand(brand) {
  const known = new Set(JSON.parse(window.localStorage.getItem('rapport.brands') ?? '[]'));
  known.add(brand);
  window.localStorage.setItem('rapport.brands', JSON.stringify([...known].slice(-20)));
  showKnownBrands();
}

function showKnownBrands() {
  const known = JSON.parse(window.localStorage.getItem('rapport.brands') ?? '[]');
  $('known-brands').replaceChildren(...known.map((b) => {
    const option = document.createElement('option');
    option.value = b;
    return option;
  }));
}

function start(event) {
  event?.preventDefault();
  state.key = $('api-key').value.trim();
  state.brand = $('brand').value.trim();
  state.interval = $('interval').value;
  if (!state.key || !state.brand) return;
  // The key lives only as long as this tab; brand ids are not secret.
  store.setItem('rapport.key', state.key);
  store.setItem('rapport.brand', state.brand);
  rememberBrand(state.brand);
  setStatus('Loading…');
  window.clearInterval(state.timer);
  void refresh();
  state.timer = window.setInterval(() => void refresh(), REFRESH_MS);
}

$('connect').addEventListener('submit', start);
$('interval').addEventListener('change', () => state.key && start());
showKnownBrands();
$('api-key').value = store.getItem('rapport.key') ?? '';
$('brand').value = store.getItem('rapport.brand') ?? '';
if ($('api-key').value && $('brand').value) window.addEventListener('load', () => start());
