import { ACTION_TOOLS } from './action-tools.ts';
import type { AssistantTool } from './assistant-tool.ts';
import { READ_TOOLS } from './read-tools.ts';

/** Every tool either engine may call: the read services, then the confirm-gated actions. */
export const ASSISTANT_TOOLS: ReadonlyMap<string, AssistantTool> = new Map(
  [...READ_TOOLS, ...ACTION_TOOLS].map((tool) => [tool.name, tool]),
);
