/**
 * The slice of the Adaptive Card 1.5 schema this bot writes (https://adaptivecards.io/explorer/).
 * Kept as plain JSON types: cards go over the wire as JSON, and tests check them as JSON.
 */
export type CardElement =
  | {
      type: 'TextBlock';
      text: string;
      wrap?: boolean;
      weight?: 'Default' | 'Bolder';
      size?: 'Small' | 'Default' | 'Medium' | 'Large';
      color?: 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';
      isSubtle?: boolean;
      spacing?: 'None' | 'Small' | 'Medium' | 'Large';
      separator?: boolean;
    }
  | { type: 'FactSet'; facts: { title: string; value: string }[]; spacing?: 'Small' | 'Medium' }
  | {
      type: 'Image';
      url: string;
      altText: string;
      size?: 'Auto' | 'Stretch';
      msTeams?: { allowExpand: boolean };
    }
  | {
      type: 'Container';
      id?: string;
      items: CardElement[];
      style?: 'default' | 'emphasis' | 'good' | 'warning' | 'attention';
      separator?: boolean;
      spacing?: 'Small' | 'Medium' | 'Large';
    }
  | { type: 'ActionSet'; actions: CardAction[] }
  | {
      type: 'Input.Text';
      id: string;
      label?: string;
      placeholder?: string;
      maxLength?: number;
      isMultiline?: boolean;
    }
  | {
      type: 'Input.ChoiceSet';
      id: string;
      label?: string;
      value?: string;
      style?: 'compact' | 'expanded';
      choices: { title: string; value: string }[];
    };

export type SubmitAction = { type: 'Action.Submit'; title: string; data: Record<string, unknown> };

export type ExecuteAction = {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
  /** For clients without Universal Actions (Teams before 1.4 support, some hosts): an Action.Submit. */
  fallback?: SubmitAction;
};

/**
 * A card revealed in place under its button. Its own actions gather its inputs and the parent card's;
 * a button on the parent does not gather the inputs inside it (Adaptive Cards 1.5 schema, Action.ShowCard).
 */
export type ShowCardAction = {
  type: 'Action.ShowCard';
  title: string;
  /** `version` may be left out on a card inside Action.ShowCard (1.5 schema, AdaptiveCard.version). */
  card: { type: 'AdaptiveCard'; body: CardElement[]; actions?: CardAction[] };
};

export type CardAction = ExecuteAction | SubmitAction | ShowCardAction;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function adaptiveCard(body: CardElement[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    // No `msteams: { width: 'Full' }`: Teams renders these cards well at its default width, the chart
    // can be expanded (Image msTeams.allowExpand), and the Agents Playground warns about full width.
    body,
  };
}
