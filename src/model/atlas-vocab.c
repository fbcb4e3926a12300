/* atlas-vocab.c — the closed vocabularies of the event-atlas format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "atlas-vocab.h"

static const char * const actor_kinds[] = {
  "person", "government", "state", "armed-group", "military-unit",
  "international-body", "vessel", "aircraft", "civilians", "organisation",
};

static const char * const location_kinds[] = {
  "country", "city", "district", "neighbourhood", "sea", "site", "region",
};

static const char * const precisions[] = {
  "year", "month", "week", "day", "hour", "minute", "second",
};

static const char * const bases[] = {
  "stated", "relative", "approximate", "planned", "reported",
};

static const char * const place_roles[] = {
  "occurred", "about", "origin", "destination",
};

static const char * const participant_roles[] = {
  "agent", "target", "victim", "speaker", "subject", "mentioned",
};

static gboolean
lookup_word (const char * const *words,
             guint               n_words,
             const char         *str,
             int                *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_words; i++)
    {
      if (strcmp (words[i], str) == 0)
        {
          if (out != NULL)
            *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
word_at (const char * const *words,
         guint               n_words,
         int                 value)
{
  if (value < 0 || (guint) value >= n_words)
    return NULL;
  return words[value];
}

static const char *
list_words (const char * const *words,
            guint               n_words,
            const char        **cache)
{
  if (g_once_init_enter (cache))
    {
      GString *str = g_string_new (NULL);

      for (guint i = 0; i < n_words; i++)
        {
          if (i > 0)
            g_string_append (str, ", ");
          g_string_append (str, words[i]);
        }

      g_once_init_leave (cache, g_intern_string (str->str));
      g_string_free (str, TRUE);
    }

  return *cache;
}

#define DEFINE_VOCAB(prefix, Type, table)                                            \
  gboolean                                                                           \
  prefix##_from_string (const char *str,                                             \
                        Type       *out)                                             \
  {                                                                                  \
    int value;                                                                       \
                                                                                     \
    if (!lookup_word (table, G_N_ELEMENTS (table), str, &value))                     \
      return FALSE;                                                                  \
    if (out != NULL)                                                                 \
      *out = (Type) value;                                                           \
    return TRUE;                                                                     \
  }                                                                                  \
                                                                                     \
  const char *                                                                       \
  prefix##_to_string (Type value)                                                    \
  {                                                                                  \
    return word_at (table, G_N_ELEMENTS (table), (int) value);                       \
  }                                                                                  \
                                                                                     \
  const char *                                                                       \
  prefix##_list_words (void)                                                         \
  {                                                                                  \
    static const char *cache = NULL;                                                \
                                                                                     \
    return list_words (table, G_N_ELEMENTS (table), &cache);                         \
  }

DEFINE_VOCAB (atlas_actor_kind, AtlasActorKind, actor_kinds)
DEFINE_VOCAB (atlas_location_kind, AtlasLocationKind, location_kinds)
DEFINE_VOCAB (atlas_precision, AtlasPrecision, precisions)
DEFINE_VOCAB (atlas_basis, AtlasBasis, bases)
DEFINE_VOCAB (atlas_place_role, AtlasPlaceRole, place_roles)
DEFINE_VOCAB (atlas_participant_role, AtlasParticipantRole, participant_roles)

const char *
atlas_actor_kind_get_label (AtlasActorKind kind)
{
  switch (kind)
    {
    case ATLAS_ACTOR_KIND_PERSON:
      return _("People");
    case ATLAS_ACTOR_KIND_GOVERNMENT:
      return _("Governments");
    case ATLAS_ACTOR_KIND_STATE:
      return _("States");
    case ATLAS_ACTOR_KIND_ARMED_GROUP:
      return _("Armed groups");
    case ATLAS_ACTOR_KIND_MILITARY_UNIT:
      return _("Military units");
    case ATLAS_ACTOR_KIND_INTERNATIONAL_BODY:
      return _("International bodies");
    case ATLAS_ACTOR_KIND_VESSEL:
      return _("Vessels");
    case ATLAS_ACTOR_KIND_AIRCRAFT:
      return _("Aircraft");
    case ATLAS_ACTOR_KIND_CIVILIANS:
      return _("Civilians");
    case ATLAS_ACTOR_KIND_ORGANISATION:
      return _("Organisations");
    case ATLAS_ACTOR_KIND_OTHER:
    default:
      return _("Others");
    }
}

const char *
atlas_basis_get_label (AtlasBasis basis)
{
  switch (basis)
    {
    case ATLAS_BASIS_STATED:
      return _("stated");
    case ATLAS_BASIS_RELATIVE:
      return _("relative to the dateline");
    case ATLAS_BASIS_APPROXIMATE:
      return _("approximate");
    case ATLAS_BASIS_PLANNED:
      return _("planned");
    case ATLAS_BASIS_REPORTED:
      return _("date of the report");
    default:
      return "";
    }
}

const char *
atlas_place_role_get_label (AtlasPlaceRole role)
{
  switch (role)
    {
    case ATLAS_PLACE_ROLE_OCCURRED:
      return C_("place role", "occurred");
    case ATLAS_PLACE_ROLE_ABOUT:
      return C_("place role", "about");
    case ATLAS_PLACE_ROLE_ORIGIN:
      return C_("place role", "origin");
    case ATLAS_PLACE_ROLE_DESTINATION:
      return C_("place role", "destination");
    default:
      return "";
    }
}

const char *
atlas_participant_role_get_label (AtlasParticipantRole role)
{
  switch (role)
    {
    case ATLAS_PARTICIPANT_ROLE_AGENT:
      return C_("participant role", "agent");
    case ATLAS_PARTICIPANT_ROLE_TARGET:
      return C_("participant role", "target");
    case ATLAS_PARTICIPANT_ROLE_VICTIM:
      return C_("participant role", "victim");
    case ATLAS_PARTICIPANT_ROLE_SPEAKER:
      return C_("participant role", "speaker");
    case ATLAS_PARTICIPANT_ROLE_SUBJECT:
      return C_("participant role", "subject");
    case ATLAS_PARTICIPANT_ROLE_MENTIONED:
      return C_("participant role", "mentioned");
    default:
      return "";
    }
}
