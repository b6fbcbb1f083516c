import { Command } from 'commander';
import { CliError, describeError } from '../cli-error.ts';
import { connect, credentialsStore } from '../connection.ts';
import { globalOptions } from '../global-options.ts';
import { loadSdk } from '../sdk.ts';

/** `tradewind logout`: ends the session on the server and forgets it locally. */
export function logoutCommand(): Command {
  return new Command('logout')
    .description("end the profile's session on the server and remove its stored tokens")
    .action(async (_options: unknown, command: Command) => {
      const { profile: profileName } = globalOptions(command);
      const store = credentialsStore();
      const profile = await store.profile(profileName);
      if (!profile?.session) {
        process.stdout.write(`Not signed in (profile "${profileName}"); nothing to do\n`);
        return;
      }
      // The session lives on the server the profile signed in to, whatever --url says.
      const { client } = await connect(command, 'session', profile.url);
      let failure: string | undefined;
      try {
        await client.auth.logout.mutate();
      } catch (error) {
        const { isTradewindClientError } = await loadSdk();
        // A session the server has already ended (or will not refresh) is logged out already.
        const alreadyEnded = isTradewindClientError(error) && error.data?.code === 'UNAUTHORIZED';
        if (!alreadyEnded) failure = await describeError(error, profile.url);
      }
      await store.removeSession(profileName);
      if (failure) {
        throw new CliError(
          `removed the stored session, but could not end it on the server: ${failure}`,
        );
      }
      process.stdout.write(`Signed out of ${profile.url} (profile "${profileName}")\n`);
    });
}
