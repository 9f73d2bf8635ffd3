import { ANYONE } from '../catalog/model.js';
import type { AccountService } from '../accounts/accounts.js';
import type { ProfileService } from '../accounts/profiles.js';
import { AppError } from '../errors.js';
import type { SessionAuth } from './auth.js';
import { anonymousViewer, type ViewerResolver } from './viewer.js';

/**
 * The ViewerResolver of a deployment with accounts. With `?profileId=` the caller must be signed in
 * and own the profile (otherwise PROFILE_NOT_FOUND, as for a missing one); reads then apply the
 * profile's maturity ceiling and the account's country. Without it reads stay anonymous, except that
 * a signed-in caller sees their account's country. An invalid token there is ignored rather than
 * refused: the same header may carry the admin token.
 */
export function profileViewer(deps: { auth: SessionAuth; accounts: AccountService; profiles: ProfileService }): ViewerResolver {
  return async (request, query) => {
    const caller = await deps.auth.optionalSession(request);
    if (query.profileId !== undefined) {
      if (!caller) throw new AppError('UNAUTHENTICATED');
      return (await deps.profiles.access(caller, query.profileId)).viewer;
    }
    if (caller) return { ...ANYONE, country: (await deps.accounts.get(caller.accountId)).country };
    return anonymousViewer(request, query);
  };
}
