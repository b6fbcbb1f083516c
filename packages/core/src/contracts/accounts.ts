import { z } from 'zod';

/**
 * Exchange accounts (seed 001 Accounts API) and the seed 003 provider, platform, key-test and
 * wallet shapes, camelCase as tRPC speaks. Credentials go in and never come out: no output
 * schema here has a field that could carry one.
 */

/** The exchange id of an account that trades on paper, with an initial balance and no keys. */
export const PAPER_EXCHANGE = 'paper';

export const ZAccountId = z.uuid('must be an account id');

/** A ccxt exchange id or `paper`; whether Tradewind knows it is the service's check. */
export const ZExchangeId = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z0-9_]+$/, 'must be an exchange id such as "binance"');

const ZApiKey = z.string().trim().min(1, 'is required').max(512, 'is too long');
const ZApiSecret = z.string().min(1, 'is required').max(2048, 'is too long');
const ZPassphrase = z.string().min(1, 'is empty').max(512, 'is too long');

const ZAccountName = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(100, 'must be at most 100 characters');

/** Keys and paper balance exclude each other; which of them an exchange needs, the service knows. */
export const ZAccountCreateInput = z
  .object({
    exchange: ZExchangeId,
    name: ZAccountName.optional(),
    apiKey: ZApiKey.optional(),
    apiSecret: ZApiSecret.optional(),
    passphrase: ZPassphrase.optional(),
    isTestnet: z.boolean().default(false),
    initialBalance: z
      .number()
      .positive('must be greater than 0')
      .max(1e12, 'must be at most 1e12')
      .optional(),
    groupId: z.uuid('must be a group id').nullable().optional(),
  })
  .strict()
  .superRefine((input, context) => {
    const paper = input.exchange === PAPER_EXCHANGE;
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (paper) {
      if (input.initialBalance === undefined)
        issue('initialBalance', 'is required for a paper account');
      for (const field of ['apiKey', 'apiSecret', 'passphrase'] as const) {
        if (input[field] !== undefined) issue(field, 'a paper account takes no keys');
      }
      if (input.isTestnet) issue('isTestnet', 'a paper account has no testnet');
      return;
    }
    if (input.initialBalance !== undefined) {
      issue(
        'initialBalance',
        'only paper accounts take an initial balance; exchange balances are synced',
      );
    }
    if (input.apiKey === undefined) issue('apiKey', 'is required for an exchange account');
    if (input.apiSecret === undefined) issue('apiSecret', 'is required for an exchange account');
  });
export type AccountCreateInput = z.input<typeof ZAccountCreateInput>;

export const ZAccountIdInput = z.object({ id: ZAccountId }).strict();

export const ZAccountListInput = z
  .object({
    skip: z.number().int().min(0, 'must be 0 or more').max(1_000_000).default(0),
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(20),
  })
  .strict();
export type AccountListInput = z.input<typeof ZAccountListInput>;

export const ZAccountCredentialsInput = z
  .object({
    id: ZAccountId,
    apiKey: ZApiKey,
    apiSecret: ZApiSecret,
    passphrase: ZPassphrase.optional(),
  })
  .strict();
export type AccountCredentialsInput = z.input<typeof ZAccountCredentialsInput>;

export const ZAccountPerformanceInput = z
  .object({
    id: ZAccountId,
    /** Defaults: from the account's creation to now. */
    startDate: z.iso.datetime({ offset: true }).optional(),
    endDate: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine(
    (input) =>
      !input.startDate ||
      !input.endDate ||
      Date.parse(input.startDate) <= Date.parse(input.endDate),
    { path: ['endDate'], message: 'must not be before startDate' },
  );
export type AccountPerformanceInput = z.input<typeof ZAccountPerformanceInput>;

/** Seed 003 `keys/test`: keys given here, or the stored keys of one of your accounts. */
export const ZKeysTestInput = z
  .object({
    accountId: ZAccountId.optional(),
    provider: ZExchangeId.optional(),
    apiKey: ZApiKey.optional(),
    apiSecret: ZApiSecret.optional(),
    passphrase: ZPassphrase.optional(),
    isTestnet: z.boolean().optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.accountId !== undefined) {
      for (const field of ['provider', 'apiKey', 'apiSecret', 'passphrase', 'isTestnet'] as const) {
        if (input[field] !== undefined) {
          context.addIssue({
            code: 'custom',
            path: [field],
            message: 'give either accountId or keys, not both',
          });
        }
      }
      return;
    }
    for (const field of ['provider', 'apiKey', 'apiSecret'] as const) {
      if (input[field] === undefined) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: 'is required (or give accountId)',
        });
      }
    }
  });
export type KeysTestInput = z.input<typeof ZKeysTestInput>;

/** One currency as the exchange reports it. */
export const ZAssetBalance = z.object({
  currency: z.string(),
  free: z.number(),
  used: z.number(),
  total: z.number(),
});
export type AssetBalance = z.infer<typeof ZAssetBalance>;

/** How an amount was converted: through which of the exchange's pairs, at what price and when. */
export const ZConversion = z.object({
  currency: z.string(),
  amount: z.number(),
  /** The exchange's pair used, e.g. `BTC/USDT`; null when the currency is the target itself. */
  pair: z.string().nullable(),
  /** Units of the target currency per unit of `currency`. */
  price: z.number(),
  /** When the exchange's ticker printed that price (ISO 8601); null for the target itself. */
  priceTime: z.iso.datetime().nullable(),
  value: z.number(),
  /** Set when the pair's quote stands in for the target, e.g. `USDT counted as USD 1:1`. */
  note: z.string().optional(),
});
export type Conversion = z.infer<typeof ZConversion>;

/** The valuation of a set of balances in one currency. */
export const ZValuation = z.object({
  currency: z.string(),
  /** Cash: the target currency and its stand-ins (USDT for USD...). */
  cash: z.number(),
  total: z.number(),
  conversions: z.array(ZConversion),
  /** Currencies held for which the exchange lists no pair to the target: left out of `total`. */
  unpriced: z.array(z.object({ currency: z.string(), amount: z.number() })),
  valuedAt: z.iso.datetime(),
});
export type Valuation = z.infer<typeof ZValuation>;

export const ZAccountInfo = z.object({
  id: z.uuid(),
  name: z.string(),
  exchange: z.string(),
  isPaper: z.boolean(),
  isTestnet: z.boolean(),
  /** Keys are stored (they are never shown). */
  hasCredentials: z.boolean(),
  /** The exchange's verdict at the last check; null when never checked (or paper). */
  keysValid: z.boolean().nullable(),
  keysCheckedAt: z.iso.datetime().nullable(),
  groupId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AccountInfo = z.infer<typeof ZAccountInfo>;

export const ZAccountBalances = z.object({
  /** The currency `balance` and `equity` are in (the user's currency). */
  currency: z.string().nullable(),
  balance: z.number().nullable(),
  equity: z.number().nullable(),
  assets: z.array(ZAssetBalance),
  valuation: ZValuation.nullable(),
  lastSyncAt: z.iso.datetime().nullable(),
});

/** An open position of a bot trading on the account. */
export const ZAccountPosition = z.object({
  botId: z.number().int(),
  symbol: z.string(),
  quantity: z.number(),
  averagePrice: z.number(),
  lastPrice: z.number(),
  unrealizedPnl: z.number(),
  openedAt: z.iso.datetime(),
});

export const ZAccountPerformanceSummary = z.object({
  /** The first recorded equity (the initial balance for paper) and the latest one. */
  startEquity: z.number().nullable(),
  equity: z.number().nullable(),
  pnl: z.number().nullable(),
  pnlPercent: z.number().nullable(),
});

/** Something that uses the account. */
export const ZAccountReference = z.object({
  type: z.literal('bot'),
  id: z.number().int(),
  name: z.string(),
  status: z.string(),
});

/** Seed 001's account: info, balances, positions, performance, references. */
export const ZAccount = z.object({
  accountInfo: ZAccountInfo,
  balances: ZAccountBalances,
  positions: z.array(ZAccountPosition),
  performance: ZAccountPerformanceSummary,
  references: z.array(ZAccountReference),
});
export type Account = z.infer<typeof ZAccount>;

export const ZAccountList = z.object({
  accounts: z.array(ZAccount),
  pagination: z.object({
    total: z.number().int(),
    skip: z.number().int(),
    limit: z.number().int(),
  }),
});
export type AccountList = z.infer<typeof ZAccountList>;

export const ZAccountCreated = z.object({
  success: z.literal(true),
  accountId: z.uuid(),
  message: z.string(),
  account: ZAccount,
});

export const ZAccountSuccess = z.object({ success: z.literal(true) });

export const ZAccountSyncResult = z.object({
  success: z.literal(true),
  balance: z.number(),
  equity: z.number(),
  currency: z.string(),
  syncedAt: z.iso.datetime(),
  valuation: ZValuation,
});
export type AccountSyncResult = z.infer<typeof ZAccountSyncResult>;

export const ZAccountPerformance = z.object({
  accountId: z.uuid(),
  timeRange: z.object({ startDate: z.iso.datetime(), endDate: z.iso.datetime() }),
  metrics: z.object({
    currency: z.string().nullable(),
    startEquity: z.number().nullable(),
    endEquity: z.number().nullable(),
    pnl: z.number().nullable(),
    pnlPercent: z.number().nullable(),
    /** Largest fall from a peak, percent of the peak, over the synced equity in the range. */
    maxDrawdownPercent: z.number().nullable(),
    /** Balance syncs in the range. */
    snapshots: z.number().int(),
    /** Fills by bots on this account in the range, and their realized PnL. */
    trades: z.number().int(),
    realizedPnl: z.number(),
  }),
});
export type AccountPerformance = z.infer<typeof ZAccountPerformance>;

export const ZKeyPermissions = z.object({
  canRead: z.boolean(),
  canTrade: z.boolean(),
  /** null: the exchange does not say. */
  canWithdraw: z.boolean().nullable(),
});

/** Seed 003 `keys/test` success; a rejected key is an error ("Invalid API credentials: ..."). */
export const ZKeysTestResult = z.object({
  success: z.literal(true),
  message: z.string(),
  provider: z.string(),
  permissions: ZKeyPermissions,
});
export type KeysTestResult = z.infer<typeof ZKeysTestResult>;

/** The credential fields of the create input, by their tRPC names. */
export const ZCredentialField = z.enum(['apiKey', 'apiSecret', 'passphrase', 'initialBalance']);

export const ZProvider = z.object({
  id: z.string(),
  type: z.enum(['exchange', 'paper']),
  displayName: z.string(),
  requiredFields: z.array(ZCredentialField),
  icon: z.string(),
  description: z.string(),
});
export type Provider = z.infer<typeof ZProvider>;

export const ZProviderList = z.object({ success: z.literal(true), providers: z.array(ZProvider) });

export const ZPlatform = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  enabled: z.boolean(),
  /** Bots a user may run at once (the user's plan limit). */
  botLimit: z.number().int(),
  supportsPaper: z.boolean(),
  /** Live order placement is not available yet on any venue. */
  supportsLive: z.boolean(),
  supportsTestnet: z.boolean(),
  icon: z.string(),
  region: z.string().nullable(),
  description: z.string(),
});
export type Platform = z.infer<typeof ZPlatform>;

export const ZPlatformList = z.object({
  platforms: z.array(ZPlatform),
  totalCount: z.number().int(),
  default: z.literal('all'),
  timestamp: z.iso.datetime(),
});

export const ZPlatformHealth = z.object({
  /** not_configured: you hold no keyed account there, so nothing was checked. */
  status: z.enum(['operational', 'degraded', 'down', 'not_configured']),
  hasKeys: z.boolean(),
  keysValid: z.boolean().nullable(),
  lastCheck: z.iso.datetime().nullable(),
  /** Round trip of a real call to the exchange (server time), in milliseconds. */
  apiLatencyMs: z.number().nullable(),
  /** Why the check failed, in the exchange's words; never a credential. */
  error: z.string().nullable(),
});
export type PlatformHealth = z.infer<typeof ZPlatformHealth>;

export const ZPlatformsHealth = z.object({
  success: z.literal(true),
  platforms: z.record(z.string(), ZPlatformHealth),
});

/** Seed 003 wallet: amounts per exchange per currency, valued in the user's currency. */
export const ZWalletBalances = z.object({
  success: z.literal(true),
  balances: z.record(z.string(), z.record(z.string(), z.number())),
  currency: z.string(),
  totalValue: z.number(),
  /** Each conversion behind `totalValue`: exchange, pair, price and its time. */
  conversions: z.array(ZConversion.extend({ exchange: z.string() })),
  unpriced: z.array(z.object({ exchange: z.string(), currency: z.string(), amount: z.number() })),
  /** Accounts that could not be read now; their balances are left out. */
  errors: z.array(z.object({ accountId: z.uuid(), exchange: z.string(), message: z.string() })),
  asOf: z.iso.datetime(),
});
export type WalletBalances = z.infer<typeof ZWalletBalances>;
