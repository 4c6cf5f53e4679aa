/** True in CI (`CI` set, as CI services do, and as .ci/run does): a test that cannot run there fails rather than skips. */
export const inCI = (env: NodeJS.ProcessEnv = process.env): boolean => !!env.CI && env.CI !== "false" && env.CI !== "0";
