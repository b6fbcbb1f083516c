import type { Endpoint } from '../binance/endpoint.ts';
import { decimal } from '../binance/format.ts';
import type { Exchange } from '../exchange.ts';

export const account: Endpoint = {
  method: 'GET',
  path: '/api/v3/account',
  weight: 20,
  security: 'signed',
  handle: ({ params, account }, exchange) => {
    const rate = decimal(exchange.options.feeRate);
    const omitZero = params.string('omitZeroBalances') === 'true';
    return {
      makerCommission: Math.round(exchange.options.feeRate * 10_000),
      takerCommission: Math.round(exchange.options.feeRate * 10_000),
      buyerCommission: 0,
      sellerCommission: 0,
      commissionRates: { maker: rate, taker: rate, buyer: decimal(0), seller: decimal(0) },
      canTrade: account.canTrade,
      canWithdraw: account.canWithdraw,
      canDeposit: account.canDeposit,
      brokered: false,
      requireSelfTradePrevention: false,
      preventSor: false,
      updateTime: account.updateTime,
      accountType: 'SPOT',
      balances: [...account.balances.entries()]
        .filter(([, balance]) => !omitZero || balance.free + balance.locked > 0)
        .map(([asset, balance]) => ({
          asset,
          free: decimal(balance.free),
          locked: decimal(balance.locked),
        })),
      permissions: account.canTrade ? ['SPOT'] : [],
      uid: 0,
    };
  },
};

/** What the key may do (the wallet API's view, used to refuse withdraw-enabled keys). */
export const apiRestrictions: Endpoint = {
  method: 'GET',
  path: '/sapi/v1/account/apiRestrictions',
  weight: 1,
  security: 'signed',
  handle: ({ account }) => ({
    ipRestrict: false,
    createTime: account.updateTime,
    enableReading: true,
    enableSpotAndMarginTrading: account.canTrade,
    enableWithdrawals: account.canWithdraw,
    enableInternalTransfer: false,
    enableMargin: false,
    enableFutures: false,
    permitsUniversalTransfer: false,
    enableVanillaOptions: false,
    enablePortfolioMarginTrading: false,
  }),
};

function assets(exchange: Exchange): string[] {
  const names = new Set<string>();
  for (const { config } of exchange.symbols.values()) {
    names.add(config.baseAsset);
    names.add(config.quoteAsset);
  }
  return [...names].sort();
}

/** The wallet's coin list; ccxt's loadMarkets reads it (fetchCurrencies) whenever keys are set. */
export const capitalConfig: Endpoint = {
  method: 'GET',
  path: '/sapi/v1/capital/config/getall',
  weight: 10,
  security: 'signed',
  handle: ({ account }, exchange) =>
    assets(exchange).map((coin) => {
      const balance = account.balances.get(coin);
      return {
        coin,
        name: coin,
        depositAllEnable: account.canDeposit,
        withdrawAllEnable: account.canWithdraw,
        free: decimal(balance?.free ?? 0),
        locked: decimal(balance?.locked ?? 0),
        freeze: decimal(0),
        withdrawing: decimal(0),
        ipoing: decimal(0),
        ipoable: decimal(0),
        storage: decimal(0),
        isLegalMoney: false,
        trading: true,
        networkList: [
          {
            network: coin,
            coin,
            name: coin,
            isDefault: true,
            depositEnable: account.canDeposit,
            withdrawEnable: account.canWithdraw,
            withdrawFee: decimal(0),
            withdrawMin: decimal(0),
            withdrawMax: decimal(9_000_000),
            withdrawIntegerMultiple: decimal(1e-8),
            minConfirm: 1,
            unLockConfirm: 0,
            sameAddress: false,
            busy: false,
            depositDesc: '',
            withdrawDesc: '',
          },
        ],
      };
    }),
};
