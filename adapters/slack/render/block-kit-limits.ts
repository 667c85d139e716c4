/**
 * Slack's Block Kit limits, and a checker that rejects what Slack would reject with `invalid_blocks`
 * (or `msg_blocks_too_long`). Every renderer in this folder is tested against `checkBlocks`, and the
 * Slack test harness uses it to refuse messages the way the real Web API does.
 *
 * Lengths are counted in UTF-16 code units (`string.length`), which is never less than the number
 * of characters Slack counts, so a text that passes here is not too long for Slack.
 *
 * Sources (docs.slack.dev unless noted):
 * - reference/block-kit/blocks: 50 blocks per message, 100 in modals and Home tabs
 * - reference/block-kit/blocks/section-block: text 3000, ≤ 10 fields of ≤ 2000
 * - reference/block-kit/blocks/header-block: plain_text 150
 * - reference/block-kit/blocks/context-block: ≤ 10 elements
 * - reference/block-kit/blocks/actions-block (and @slack/types ActionsBlock): ≤ 25 elements
 * - reference/block-kit/blocks/image-block: alt_text 2000, image_url 3000, title 2000, image_url or slack_file
 * - reference/block-kit/composition-objects/slack-file-object: `id` or `url`, never both
 * - reference/block-kit/blocks/input-block: label 2000, hint 2000
 * - reference/block-kit/blocks/markdown-block: 12,000 characters
 * - every block page: block_id 255
 * - reference/block-kit/block-elements/button-element: text 75, action_id 255, value 2000, url 3000
 * - reference/block-kit/block-elements/plain-text-input-element: min_length 0–3000, max_length 1–3000
 * - reference/block-kit/block-elements/select-menu-element: ≤ 100 options, placeholder 150
 * - reference/block-kit/composition-objects/option-object: text 75, value 150
 * - reference/block-kit/composition-objects/text-object: text 3000 (and not empty)
 * - reference/views/modal-views: title 24, submit 24, close 24, private_metadata 3000, callback_id 255,
 *   submit required when an input block is present
 * - reference/methods/chat.postMessage: `text` over 40,000 characters is truncated
 * - github.com/slackapi/bolt-js/issues/2509 and /2867: chat.postMessage answers `msg_blocks_too_long` once the
 *   text of all blocks passes roughly 12,000 characters (undocumented; Slack staff gave 12,000 "with a buffer
 *   for block containers")
 */

export type Surface = 'message' | 'modal' | 'home';

export const MAX_BLOCKS: Readonly<Record<Surface, number>> = { message: 50, modal: 100, home: 100 };
export const MAX_TEXT_OBJECT = 3000;
export const MAX_SECTION_TEXT = 3000;
export const MAX_SECTION_FIELDS = 10;
export const MAX_SECTION_FIELD_TEXT = 2000;
export const MAX_HEADER_TEXT = 150;
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_ACTIONS_ELEMENTS = 25;
export const MAX_BLOCK_ID = 255;
export const MAX_ACTION_ID = 255;
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_BUTTON_URL = 3000;
export const MAX_ACCESSIBILITY_LABEL = 75;
export const MAX_IMAGE_ALT_TEXT = 2000;
export const MAX_IMAGE_URL = 3000;
export const MAX_IMAGE_TITLE = 2000;
export const MAX_INPUT_LABEL = 2000;
export const MAX_INPUT_HINT = 2000;
export const MAX_PLAIN_TEXT_INPUT_LENGTH = 3000;
export const MAX_PLACEHOLDER = 150;
export const MAX_SELECT_OPTIONS = 100;
export const MAX_OPTION_TEXT = 75;
export const MAX_OPTION_VALUE = 150;
export const MAX_MARKDOWN_BLOCK_TEXT = 12_000;
export const MAX_MODAL_TITLE = 24;
export const MAX_MODAL_BUTTON_TEXT = 24;
export const MAX_PRIVATE_METADATA = 3000;
export const MAX_CALLBACK_ID = 255;
export const MAX_MESSAGE_TEXT = 40_000;
/** Sum of all text in one message's blocks above which Slack answers `msg_blocks_too_long`. */
export const MAX_MESSAGE_BLOCKS_TEXT = 12_000;

const BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'video',
]);

const ELEMENT_TYPES = new Set([
  'button',
  'channels_select',
  'checkboxes',
  'conversations_select',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'external_select',
  'file_input',
  'image',
  'multi_channels_select',
  'multi_conversations_select',
  'multi_external_select',
  'multi_static_select',
  'multi_users_select',
  'number_input',
  'overflow',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'static_select',
  'timepicker',
  'url_text_input',
  'users_select',
  'workflow_button',
]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems with a path prefix, so a report names the exact field. */
class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
}

function checkString(
  problems: Problems,
  path: string,
  value: unknown,
  limits: { max: number; required?: boolean; min?: number },
): void {
  if (value === undefined) {
    if (limits.required) problems.add(path, 'is required');
    return;
  }
  if (typeof value !== 'string') {
    problems.add(path, 'must be a string');
    return;
  }
  const min = limits.min ?? 1;
  if (value.length < min) problems.add(path, `must be at least ${min} characters`);
  if (value.length > limits.max)
    problems.add(path, `is ${value.length} characters; the limit is ${limits.max}`);
}

function checkTextObject(
  problems: Problems,
  path: string,
  value: unknown,
  limits: { max: number; required?: boolean; plainOnly?: boolean },
): void {
  if (value === undefined) {
    if (limits.required) problems.add(path, 'is required');
    return;
  }
  if (!isObject(value)) {
    problems.add(path, 'must be a text object');
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    problems.add(`${path}.type`, 'must be plain_text or mrkdwn');
  } else if (limits.plainOnly && value.type !== 'plain_text') {
    problems.add(`${path}.type`, 'must be plain_text');
  }
  checkString(problems, `${path}.text`, value.text, { max: limits.max, required: true });
}

function checkSlackFile(problems: Problems, path: string, value: unknown): void {
  if (!isObject(value)) {
    problems.add(path, 'must be an object with id or url');
    return;
  }
  const hasId = value.id !== undefined;
  const hasUrl = value.url !== undefined;
  if (hasId === hasUrl) problems.add(path, 'needs exactly one of id or url');
  if (hasId) checkString(problems, `${path}.id`, value.id, { max: 255 });
  if (hasUrl) checkString(problems, `${path}.url`, value.url, { max: MAX_IMAGE_URL });
}

/** image_url or slack_file, exactly one (image block and image element alike). */
function checkImageSource(problems: Problems, path: string, value: Json): void {
  const hasUrl = value.image_url !== undefined;
  const hasFile = value.slack_file !== undefined;
  if (hasUrl === hasFile) problems.add(path, 'needs exactly one of image_url or slack_file');
  if (hasUrl) checkString(problems, `${path}.image_url`, value.image_url, { max: MAX_IMAGE_URL });
  if (hasFile) checkSlackFile(problems, `${path}.slack_file`, value.slack_file);
  checkString(problems, `${path}.alt_text`, value.alt_text, { max: MAX_IMAGE_ALT_TEXT, required: true });
}

function checkOption(problems: Problems, path: string, value: unknown): void {
  if (!isObject(value)) {
    problems.add(path, 'must be an option object');
    return;
  }
  checkTextObject(problems, `${path}.text`, value.text, { max: MAX_OPTION_TEXT, required: true });
  checkString(problems, `${path}.value`, value.value, { max: MAX_OPTION_VALUE, required: true });
}

function checkOptions(problems: Problems, path: string, element: Json): string[] {
  const values: string[] = [];
  if (element.options === undefined && element.option_groups === undefined) {
    if (element.type === 'static_select' || element.type === 'multi_static_select') {
      problems.add(path, 'needs options or option_groups');
    }
    return values;
  }
  const groups = element.option_groups;
  const lists: Array<[string, unknown]> = [[`${path}.options`, element.options]];
  if (Array.isArray(groups)) {
    groups.forEach((group, index) => {
      lists.push([`${path}.option_groups[${index}].options`, isObject(group) ? group.options : undefined]);
    });
  }
  let total = 0;
  for (const [listPath, list] of lists) {
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) {
      problems.add(listPath, 'must be a non-empty array');
      continue;
    }
    total += list.length;
    list.forEach((option, index) => {
      checkOption(problems, `${listPath}[${index}]`, option);
      if (isObject(option) && typeof option.value === 'string') values.push(option.value);
    });
  }
  if (total > MAX_SELECT_OPTIONS)
    problems.add(path, `has ${total} options; the limit is ${MAX_SELECT_OPTIONS}`);
  if (new Set(values).size !== values.length) problems.add(path, 'has options with the same value');
  return values;
}

function checkElement(problems: Problems, path: string, value: unknown, actionIds: Set<string>): void {
  if (!isObject(value) || typeof value.type !== 'string') {
    problems.add(path, 'must be an element object with a type');
    return;
  }
  const type = value.type;
  if (!ELEMENT_TYPES.has(type)) {
    problems.add(`${path}.type`, `"${type}" is not a Block Kit element type`);
    return;
  }
  if (type === 'image') {
    checkImageSource(problems, path, value);
    return;
  }
  checkString(problems, `${path}.action_id`, value.action_id, { max: MAX_ACTION_ID });
  if (typeof value.action_id === 'string') {
    // Slack refuses two elements with one action_id in the same block.
    if (actionIds.has(value.action_id))
      problems.add(`${path}.action_id`, `"${value.action_id}" is used twice`);
    actionIds.add(value.action_id);
  }
  if (value.placeholder !== undefined) {
    checkTextObject(problems, `${path}.placeholder`, value.placeholder, {
      max: MAX_PLACEHOLDER,
      plainOnly: true,
    });
  }
  if (type === 'button') {
    checkTextObject(problems, `${path}.text`, value.text, {
      max: MAX_BUTTON_TEXT,
      required: true,
      plainOnly: true,
    });
    checkString(problems, `${path}.value`, value.value, { max: MAX_BUTTON_VALUE });
    checkString(problems, `${path}.url`, value.url, { max: MAX_BUTTON_URL });
    checkString(problems, `${path}.accessibility_label`, value.accessibility_label, {
      max: MAX_ACCESSIBILITY_LABEL,
    });
    if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
      problems.add(`${path}.style`, 'must be primary or danger');
    }
  }
  if (type === 'plain_text_input') {
    for (const key of ['min_length', 'max_length'] as const) {
      const length = value[key];
      if (length === undefined) continue;
      const min = key === 'max_length' ? 1 : 0;
      if (typeof length !== 'number' || !Number.isInteger(length) || length < min) {
        problems.add(`${path}.${key}`, `must be an integer from ${min} to ${MAX_PLAIN_TEXT_INPUT_LENGTH}`);
      } else if (length > MAX_PLAIN_TEXT_INPUT_LENGTH) {
        problems.add(`${path}.${key}`, `is ${length}; the limit is ${MAX_PLAIN_TEXT_INPUT_LENGTH}`);
      }
    }
  }
  if (
    type.includes('static_select') ||
    type === 'overflow' ||
    type === 'radio_buttons' ||
    type === 'checkboxes'
  ) {
    const values = checkOptions(problems, path, value);
    const initial = value.initial_option;
    if (isObject(initial) && !values.includes(String(initial.value))) {
      problems.add(`${path}.initial_option`, 'must be one of the options');
    }
  }
}

function checkBlock(
  problems: Problems,
  path: string,
  block: unknown,
  surface: Surface,
  blockIds: Set<string>,
): void {
  if (!isObject(block) || typeof block.type !== 'string') {
    problems.add(path, 'must be a block object with a type');
    return;
  }
  const type = block.type;
  if (!BLOCK_TYPES.has(type)) {
    problems.add(`${path}.type`, `"${type}" is not a Block Kit block type`);
    return;
  }
  if (type === 'file' && surface !== 'message')
    problems.add(`${path}.type`, 'file blocks only work in messages');
  if (block.block_id !== undefined) {
    checkString(problems, `${path}.block_id`, block.block_id, { max: MAX_BLOCK_ID });
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) problems.add(`${path}.block_id`, `"${block.block_id}" is used twice`);
      blockIds.add(block.block_id);
    }
  }
  const actionIds = new Set<string>();
  switch (type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) problems.add(path, 'needs text or fields');
      checkTextObject(problems, `${path}.text`, block.text, { max: MAX_SECTION_TEXT });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0) {
          problems.add(`${path}.fields`, 'must be a non-empty array');
        } else {
          if (block.fields.length > MAX_SECTION_FIELDS) {
            problems.add(
              `${path}.fields`,
              `has ${block.fields.length} fields; the limit is ${MAX_SECTION_FIELDS}`,
            );
          }
          block.fields.forEach((field, index) => {
            checkTextObject(problems, `${path}.fields[${index}]`, field, {
              max: MAX_SECTION_FIELD_TEXT,
              required: true,
            });
          });
        }
      }
      if (block.accessory !== undefined)
        checkElement(problems, `${path}.accessory`, block.accessory, actionIds);
      return;
    }
    case 'header':
      checkTextObject(problems, `${path}.text`, block.text, {
        max: MAX_HEADER_TEXT,
        required: true,
        plainOnly: true,
      });
      return;
    case 'context': {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0) {
        problems.add(`${path}.elements`, 'must be a non-empty array');
        return;
      }
      if (elements.length > MAX_CONTEXT_ELEMENTS) {
        problems.add(
          `${path}.elements`,
          `has ${elements.length} elements; the limit is ${MAX_CONTEXT_ELEMENTS}`,
        );
      }
      elements.forEach((element, index) => {
        const elementPath = `${path}.elements[${index}]`;
        if (isObject(element) && element.type === 'image') checkImageSource(problems, elementPath, element);
        else checkTextObject(problems, elementPath, element, { max: MAX_TEXT_OBJECT, required: true });
      });
      return;
    }
    case 'actions': {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0) {
        problems.add(`${path}.elements`, 'must be a non-empty array');
        return;
      }
      if (elements.length > MAX_ACTIONS_ELEMENTS) {
        problems.add(
          `${path}.elements`,
          `has ${elements.length} elements; the limit is ${MAX_ACTIONS_ELEMENTS}`,
        );
      }
      elements.forEach((element, index) => {
        checkElement(problems, `${path}.elements[${index}]`, element, actionIds);
      });
      return;
    }
    case 'image':
      checkImageSource(problems, path, block);
      checkTextObject(problems, `${path}.title`, block.title, { max: MAX_IMAGE_TITLE, plainOnly: true });
      return;
    case 'input':
      checkTextObject(problems, `${path}.label`, block.label, {
        max: MAX_INPUT_LABEL,
        required: true,
        plainOnly: true,
      });
      checkTextObject(problems, `${path}.hint`, block.hint, { max: MAX_INPUT_HINT, plainOnly: true });
      if (block.element === undefined) problems.add(`${path}.element`, 'is required');
      else checkElement(problems, `${path}.element`, block.element, actionIds);
      return;
    case 'markdown':
      checkString(problems, `${path}.text`, block.text, { max: MAX_MARKDOWN_BLOCK_TEXT, required: true });
      return;
    case 'rich_text':
      if (!Array.isArray(block.elements)) problems.add(`${path}.elements`, 'must be an array');
      return;
    case 'file':
      if (block.source !== 'remote') problems.add(`${path}.source`, 'must be remote');
      checkString(problems, `${path}.external_id`, block.external_id, { max: 255, required: true });
      return;
    case 'table':
      if (!Array.isArray(block.rows)) problems.add(`${path}.rows`, 'must be an array');
      return;
    case 'video':
      for (const key of ['alt_text', 'thumbnail_url', 'video_url'] as const) {
        checkString(problems, `${path}.${key}`, block[key], { max: MAX_IMAGE_URL, required: true });
      }
      checkTextObject(problems, `${path}.title`, block.title, { max: 200, required: true, plainOnly: true });
      return;
    default:
      return;
  }
}

/** All `text` strings in a block tree: what Slack's cumulative `msg_blocks_too_long` limit counts. */
export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blocksTextLength(item), 0);
  if (!isObject(value)) return 0;
  let total = 0;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'text' && typeof child === 'string') total += child.length;
    else if (typeof child === 'object') total += blocksTextLength(child);
  }
  return total;
}

/**
 * What is wrong with these blocks for this surface, in Slack's terms; empty when Slack would accept
 * them. Checks block and element types, required fields, every length and count limit, and
 * duplicate block_ids (per message or view) and action_ids (per block).
 */
export function checkBlocks(blocks: unknown, options: { surface: Surface }): string[] {
  const problems = new Problems();
  if (!Array.isArray(blocks)) {
    problems.add('blocks', 'must be an array');
    return problems.list;
  }
  const max = MAX_BLOCKS[options.surface];
  if (blocks.length > max) {
    problems.add('blocks', `has ${blocks.length} blocks; a ${options.surface} allows ${max}`);
  }
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    checkBlock(problems, `blocks[${index}]`, block, options.surface, blockIds);
  });
  if (options.surface === 'message') {
    const textLength = blocksTextLength(blocks);
    if (textLength > MAX_MESSAGE_BLOCKS_TEXT) {
      problems.add(
        'blocks',
        `hold ${textLength} characters of text; Slack answers msg_blocks_too_long above about ${MAX_MESSAGE_BLOCKS_TEXT}`,
      );
    }
  }
  return problems.list;
}

/** A chat.postMessage / chat.update payload: `text` is the fallback, `blocks` what people see. */
export function checkMessage(message: unknown): string[] {
  if (!isObject(message)) return ['message: must be an object with text and blocks'];
  const problems = new Problems();
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  if (!hasBlocks && (typeof message.text !== 'string' || message.text.length === 0)) {
    problems.add('text', 'is required when there are no blocks');
  }
  if (message.text !== undefined) {
    checkString(problems, 'text', message.text, { max: MAX_MESSAGE_TEXT, min: 0 });
  }
  const blockProblems =
    message.blocks === undefined ? [] : checkBlocks(message.blocks, { surface: 'message' });
  return [...problems.list, ...blockProblems];
}

/** A views.open / views.publish payload: a modal or a Home tab. */
export function checkView(view: unknown): string[] {
  if (!isObject(view)) return ['view: must be an object'];
  const problems = new Problems();
  if (view.type !== 'modal' && view.type !== 'home') {
    problems.add('view.type', 'must be modal or home');
    return problems.list;
  }
  checkString(problems, 'view.private_metadata', view.private_metadata, {
    max: MAX_PRIVATE_METADATA,
    min: 0,
  });
  checkString(problems, 'view.callback_id', view.callback_id, { max: MAX_CALLBACK_ID });
  if (view.type === 'modal') {
    const title = { max: MAX_MODAL_TITLE, plainOnly: true };
    checkTextObject(problems, 'view.title', view.title, { ...title, required: true });
    checkTextObject(problems, 'view.submit', view.submit, title);
    checkTextObject(problems, 'view.close', view.close, title);
    const hasInput =
      Array.isArray(view.blocks) && view.blocks.some((block) => isObject(block) && block.type === 'input');
    if (hasInput && view.submit === undefined)
      problems.add('view.submit', 'is required when the view has input blocks');
  }
  const blockProblems = checkBlocks(view.blocks, { surface: view.type }).map((problem) => `view.${problem}`);
  return [...problems.list, ...blockProblems];
}
