import type { CodeOutput, GetStatusOutput, PipelineAccepted } from '../contract/index.js';

/** The readable half of a tool result: markdown a person (or a model) reads next to `structuredContent`. */

export function codeText(output: CodeOutput): string {
  const lines = [`# Generated project: ${output.files.length} files`, '', '## Files', ''];
  for (const file of output.files) lines.push(`- \`${file.path}\` (${file.language}, ${file.content.length} chars)`);
  lines.push('', '## Setup', '', ...output.setup_instructions.map((step, index) => `${index + 1}. ${step}`));
  lines.push('', 'The full file contents are in the structured result (`files[].content`).');
  return lines.join('\n');
}

export function acceptedText(accepted: PipelineAccepted, resourceUri: string): string {
  return [
    `Pipeline job \`${accepted.job_id}\` is ${accepted.status}: ${accepted.phases_queued.join(' → ')}.`,
    `Follow it with \`aios_get_status\` (job_id \`${accepted.job_id}\`) or the resource ${resourceUri};`,
    `when it has completed, \`aios_get_artifact\` returns each phase's output.`,
    `Over HTTP: ${accepted.status_url} (stream: ${accepted.stream_url}).`,
  ].join('\n');
}

export function statusText(status: GetStatusOutput): string {
  const lines = [`Job \`${status.job_id}\`: **${status.status}**, ${status.progress_percent}%`, '', '| phase | status | duration |', '|---|---|---|'];
  for (const [phase, state] of Object.entries(status.phases)) {
    lines.push(`| ${phase} | ${state.status} | ${state.duration_ms === undefined ? '' : `${Math.round(state.duration_ms)} ms`} |`);
  }
  if (status.error) lines.push('', `Error ${status.error.code}: ${status.error.message}`);
  return lines.join('\n');
}
