/** ProvisioningCapabilities (snake_case, docs/beeper-desktop-api.md §2.5), built per network. */
export function capabilities(opts: { phone?: boolean; username?: boolean; email?: boolean; groups?: boolean }): Record<string, unknown> {
  return {
    group_creation: opts.groups
      ? {
          group: {
            type_description: 'Group chat',
            name: { allowed: true, max_length: 100 },
            avatar: { allowed: true },
            topic: { allowed: false },
            participants: { allowed: true, required: true, min_length: 1 },
            disappear: { allowed: true, settings: { types: ['', 'after_read', 'after_send'], timers: [86_400_000, 604_800_000] } },
          },
        }
      : {},
    resolve_identifier: {
      any_phone: Boolean(opts.phone),
      contact_list: true,
      create_dm: true,
      lookup_email: Boolean(opts.email),
      lookup_phone: Boolean(opts.phone),
      lookup_username: Boolean(opts.username),
      search: Boolean(opts.username),
    },
    image_pack_import: false,
  };
}
