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

export type CardAction =
  | {
      type: 'Action.Execute';
      title: string;
      verb: string;
      data: Record<string, unknown>;
      style?: 'default' | 'positive' | 'destructive';
      /** For clients without Universal Actions (Teams before 1.4 support, some hosts): an Action.Submit. */
      fallback?: SubmitAction;
    }
  | SubmitAction;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  /** Teams: let the card use the message's full width, so the chart is readable. */
  msteams?: { width: 'Full' };
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function adaptiveCard(body: CardElement[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    msteams: { width: 'Full' },
  };
}
