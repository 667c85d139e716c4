/**
 * Adaptive Card 1.5 basics, checked independently of the renderer: the card's type and version, only
 * element and action types the 1.5 schema defines (https://adaptivecards.io/explorer/), required
 * properties present, input ids unique, images as data URIs or https URLs.
 */
const ELEMENTS_1_5 = new Set([
  'TextBlock',
  'RichTextBlock',
  'Image',
  'Media',
  'Container',
  'ColumnSet',
  'FactSet',
  'ImageSet',
  'ActionSet',
  'Table',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
]);
const ACTIONS_1_5 = new Set([
  'Action.Execute',
  'Action.Submit',
  'Action.OpenUrl',
  'Action.ShowCard',
  'Action.ToggleVisibility',
]);

type Json = Record<string, unknown>;

export function adaptiveCardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  if (typeof card !== 'object' || card === null) return ['not an object'];
  const root = card as Json;
  if (root.type !== 'AdaptiveCard') problems.push(`type is ${String(root.type)}`);
  if (root.version !== '1.5') problems.push(`version is ${String(root.version)}`);
  if (!Array.isArray(root.body) || root.body.length === 0) problems.push('body is empty');

  const checkAction = (action: Json, where: string): void => {
    if (!ACTIONS_1_5.has(String(action.type))) problems.push(`${where}: action type ${String(action.type)}`);
    if (typeof action.title !== 'string') problems.push(`${where}: action without title`);
    if (action.type === 'Action.Execute' && typeof action.verb !== 'string')
      problems.push(`${where}: Execute without verb`);
    if (action.fallback !== undefined && action.fallback !== 'drop')
      checkAction(action.fallback as Json, `${where}.fallback`);
    if (action.type === 'Action.ShowCard') {
      // The revealed card shares the id space of the card it is on (its inputs go out with its actions).
      const shown = action.card as Json | undefined;
      if (shown?.type !== 'AdaptiveCard' || !Array.isArray(shown.body)) {
        problems.push(`${where}: ShowCard without an AdaptiveCard with a body`);
        return;
      }
      for (const [index, child] of (shown.body as Json[]).entries())
        checkElement(child, `${where}.card.body[${index}]`);
      for (const [index, inner] of ((shown.actions as Json[]) ?? []).entries())
        checkAction(inner, `${where}.card.actions[${index}]`);
    }
  };
  const checkElement = (element: Json, where: string): void => {
    const type = String(element.type);
    if (!ELEMENTS_1_5.has(type)) problems.push(`${where}: element type ${type}`);
    if (typeof element.id === 'string') {
      if (ids.has(element.id)) problems.push(`${where}: duplicate id ${element.id}`);
      ids.add(element.id);
    }
    if (type.startsWith('Input.') && typeof element.id !== 'string')
      problems.push(`${where}: input without id`);
    if (type === 'TextBlock' && typeof element.text !== 'string')
      problems.push(`${where}: TextBlock without text`);
    if (type === 'Image' && !/^(data:image\/png;base64,|https?:\/\/)/.test(String(element.url))) {
      problems.push(`${where}: image url ${String(element.url).slice(0, 40)}`);
    }
    if (type === 'FactSet') {
      for (const fact of (element.facts as Json[]) ?? []) {
        if (typeof fact.title !== 'string' || typeof fact.value !== 'string')
          problems.push(`${where}: bad fact`);
      }
    }
    if (type === 'Input.ChoiceSet' && !Array.isArray(element.choices))
      problems.push(`${where}: choices missing`);
    for (const [index, child] of ((element.items as Json[]) ?? []).entries())
      checkElement(child, `${where}.items[${index}]`);
    for (const [index, action] of ((element.actions as Json[]) ?? []).entries())
      checkAction(action, `${where}.actions[${index}]`);
  };
  for (const [index, element] of ((root.body as Json[]) ?? []).entries())
    checkElement(element, `body[${index}]`);
  for (const [index, action] of ((root.actions as Json[]) ?? []).entries())
    checkAction(action, `actions[${index}]`);
  return problems;
}

/** The cards revealed by an element's Action.ShowCard buttons (not nested ones: see walkCard). */
function shownCards(actions: Json[]): Json[] {
  return actions
    .filter((action) => action.type === 'Action.ShowCard' && typeof action.card === 'object')
    .map((action) => action.card as Json);
}

/** Every element and action of a card, depth first, including what Action.ShowCard buttons reveal. */
function walkCard(card: Json, elements: Json[], actions: Json[]): void {
  const walkActions = (list: Json[]) => {
    actions.push(...list);
    for (const shown of shownCards(list)) walkCard(shown, elements, actions);
  };
  const walk = (element: Json) => {
    elements.push(element);
    for (const child of (element.items as Json[]) ?? []) walk(child);
    walkActions((element.actions as Json[]) ?? []);
  };
  for (const element of (card.body as Json[]) ?? []) walk(element);
  walkActions((card.actions as Json[]) ?? []);
}

/** Every element of a card, depth first, those on cards revealed by Action.ShowCard included. */
export function elementsOf(card: unknown): Json[] {
  const elements: Json[] = [];
  walkCard(card as Json, elements, []);
  return elements;
}

/** Every action of a card, those on cards revealed by Action.ShowCard included. */
export function actionsOf(card: unknown): Json[] {
  const actions: Json[] = [];
  walkCard(card as Json, [], actions);
  return actions;
}
