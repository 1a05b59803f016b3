/**
 * Under GitHub Actions, a rollback or release leaves a job summary and step outputs, so the next
 * step (a redeploy) can use the shas and the run page shows what happened. @actions/core is
 * loaded only here, only under Actions.
 */
export async function publishToActions(env: NodeJS.ProcessEnv, markdown: string, outputs: Record<string, string>): Promise<void> {
  if (env.GITHUB_ACTIONS !== 'true') return
  const core = await import('@actions/core')
  // Without GITHUB_OUTPUT, setOutput falls back to a workflow command on stdout, which would
  // corrupt --json output; without GITHUB_STEP_SUMMARY, summary.write() throws.
  if (env.GITHUB_OUTPUT) for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write()
}
