/**
 * The API's closed value sets (bot modes and statuses, timeframes, strategy categories, ...), the
 * lists the contracts' zod enums are built from. A separate entry point (`@tradewind/sdk/enums`)
 * loads no schema and no client, for CLIs and forms that only offer the choices.
 */
export * from '@tradewind/core/enums';
