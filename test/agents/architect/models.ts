import type { AttributeSpec, EntitySpec, ProductModel } from '../../../src/agents/model.js';
import { PROJECT_MODEL } from '../../fixtures/models.js';

/**
 * A hand-made marketplace model that hits the hard cases of schema design at once: an admin role,
 * shared catalogue reading, reference data nobody owns, money and ratings, reserved column names,
 * a link entity between two tables, an entity↔entity many-to-many, a person column, an entity
 * that is really a role, a self-reference, a relationship cycle and one to nothing known.
 */

const attr = (name: string, kind: AttributeSpec['kind'], extra: Partial<AttributeSpec> = {}): AttributeSpec => ({
  name,
  label: name.replace(/_/g, ' '),
  kind,
  required: false,
  unique: false,
  ...extra,
});

const entity = (name: string, plural: string, extra: Partial<EntitySpec>): EntitySpec => ({
  name,
  plural,
  label: name.replace(/_/g, ' '),
  pluralLabel: plural.replace(/_/g, ' '),
  description: `A ${name.replace(/_/g, ' ')}`,
  attributes: [],
  owned: true,
  createdBy: [],
  mentions: 1,
  ...extra,
});

export const MARKET_MODEL: ProductModel = {
  ...PROJECT_MODEL,
  name: 'Craftly',
  summary: 'Craftly is a marketplace for handmade goods.',
  domain: 'marketplace',
  roles: [
    {
      name: 'seller',
      label: 'Seller',
      description: 'Opens a shop and lists products',
      primary: false,
      admin: false,
      privileged: false,
      selfSignup: true,
      capabilities: [
        { verb: 'create', entity: 'shop', text: 'open a shop' },
        { verb: 'create', entity: 'product', text: 'list products' },
      ],
    },
    {
      name: 'buyer',
      label: 'Buyer',
      description: 'Buys products',
      primary: true,
      admin: false,
      privileged: false,
      selfSignup: true,
      capabilities: [
        { verb: 'view', entity: 'product', text: 'search products' },
        { verb: 'create', entity: 'order', text: 'check out' },
        { verb: 'create', entity: 'review', text: 'leave reviews' },
      ],
    },
    { name: 'admin', label: 'Admin', description: 'Moderates listings', primary: false, admin: true, privileged: true, selfSignup: false, capabilities: [{ verb: 'manage', entity: 'category', text: 'manage categories' }] },
  ],
  entities: [
    entity('shop', 'shops', { attributes: [attr('name', 'text', { required: true }), attr('slug', 'text', { required: true })], createdBy: ['seller'] }),
    entity('product', 'products', {
      attributes: [
        attr('title', 'text', { required: true }),
        attr('sku', 'text', { required: true, unique: true }),
        attr('price', 'money', { required: true }),
        attr('stock_quantity', 'integer'),
        attr('images', 'image'),
        attr('order', 'integer'),
        attr('user', 'text'),
        attr('shop', 'text'),
        attr('id', 'text'),
        attr('details', 'json'),
        attr('handmade', 'boolean'),
        attr('prep_time', 'duration'),
        attr('website', 'url'),
        attr('contact_email', 'email'),
      ],
      createdBy: ['seller'],
      mentions: 5,
    }),
    entity('category', 'categories', { attributes: [attr('name', 'text', { required: true, unique: true })], owned: false, createdBy: ['admin'] }),
    entity('order', 'orders', {
      attributes: [attr('status', 'enum', { enumValues: ['pending', 'paid', 'shipped'], required: true }), attr('total', 'money'), attr('tracking_number', 'text')],
      createdBy: ['buyer'],
    }),
    entity('order_item', 'order_items', { attributes: [attr('quantity', 'integer', { required: true }), attr('unit_price', 'money', { required: true })], owned: false }),
    entity('review', 'reviews', { attributes: [attr('rating', 'rating', { required: true }), attr('body', 'long_text')], createdBy: ['buyer'] }),
    entity('tag', 'tags', { attributes: [attr('label', 'text', { required: true })], owned: false }),
    // People taken for a record: a user is a profile, not a table of its own.
    entity('user', 'users', { attributes: [attr('name', 'text')] }),
  ],
  relationships: [
    { from: 'shop', to: 'product', kind: 'one-to-many' },
    { from: 'category', to: 'product', kind: 'one-to-many' },
    { from: 'category', to: 'category', kind: 'one-to-many' },
    { from: 'order', to: 'order_item', kind: 'one-to-many' },
    { from: 'order', to: 'product', kind: 'many-to-many', through: 'order_item' },
    { from: 'product', to: 'review', kind: 'one-to-many' },
    { from: 'product', to: 'tag', kind: 'many-to-many' },
    { from: 'buyer', to: 'order', kind: 'one-to-many' },
    { from: 'seller', to: 'order', kind: 'one-to-many' },
    { from: 'seller', to: 'shop', kind: 'many-to-many', through: 'shop_staff' },
    { from: 'product', to: 'shop', kind: 'one-to-many' },
    { from: 'widget', to: 'product', kind: 'one-to-many' },
  ],
  integrations: [
    { kind: 'payments', provider: 'Stripe', stated: true, reason: 'check out with Stripe' },
    { kind: 'search', provider: 'Postgres full-text search', stated: false, reason: 'search products' },
    { kind: 'realtime', provider: 'Supabase Realtime', stated: false, reason: 'live order status' },
    { kind: 'oauth', provider: 'Google', stated: true, reason: 'sign in with Google' },
    { kind: 'email', provider: 'Resend', stated: false, reason: 'order confirmations' },
  ],
  needs: [
    { category: 'offline', text: 'Sellers can view orders offline', source: 'stated' },
    { category: 'compliance', text: 'GDPR compliant', source: 'stated' },
  ],
};

/** A spec the reader could make nothing of: no roles, entities or relationships. */
export const EMPTY_MODEL: ProductModel = {
  ...PROJECT_MODEL,
  name: 'Blank',
  summary: 'Blank.',
  roles: [],
  entities: [],
  relationships: [],
  integrations: [],
  needs: [],
  assumptions: [],
};
