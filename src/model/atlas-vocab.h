/* atlas-vocab.h — the closed vocabularies of the event-atlas format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each vocabulary is a C enum with a conversion from the format's string (exact,
 * lower case) and back.  from_string returns FALSE for a word not in the vocabulary.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ATLAS_ACTOR_KIND_PERSON,
  ATLAS_ACTOR_KIND_GOVERNMENT,
  ATLAS_ACTOR_KIND_STATE,
  ATLAS_ACTOR_KIND_ARMED_GROUP,
  ATLAS_ACTOR_KIND_MILITARY_UNIT,
  ATLAS_ACTOR_KIND_INTERNATIONAL_BODY,
  ATLAS_ACTOR_KIND_VESSEL,
  ATLAS_ACTOR_KIND_AIRCRAFT,
  ATLAS_ACTOR_KIND_CIVILIANS,
  ATLAS_ACTOR_KIND_ORGANISATION,
  ATLAS_ACTOR_KIND_OTHER,            /* field absent */
} AtlasActorKind;

typedef enum {
  ATLAS_LOCATION_KIND_COUNTRY,
  ATLAS_LOCATION_KIND_CITY,
  ATLAS_LOCATION_KIND_DISTRICT,
  ATLAS_LOCATION_KIND_NEIGHBOURHOOD,
  ATLAS_LOCATION_KIND_SEA,
  ATLAS_LOCATION_KIND_SITE,
  ATLAS_LOCATION_KIND_REGION,
  ATLAS_LOCATION_KIND_OTHER,         /* field absent */
} AtlasLocationKind;

/* Ordered from coarsest to finest. */
typedef enum {
  ATLAS_PRECISION_YEAR,
  ATLAS_PRECISION_MONTH,
  ATLAS_PRECISION_WEEK,
  ATLAS_PRECISION_DAY,
  ATLAS_PRECISION_HOUR,
  ATLAS_PRECISION_MINUTE,
  ATLAS_PRECISION_SECOND,
} AtlasPrecision;

typedef enum {
  ATLAS_BASIS_STATED,
  ATLAS_BASIS_RELATIVE,
  ATLAS_BASIS_APPROXIMATE,
  ATLAS_BASIS_PLANNED,
  ATLAS_BASIS_REPORTED,
} AtlasBasis;

typedef enum {
  ATLAS_PLACE_ROLE_OCCURRED,
  ATLAS_PLACE_ROLE_ABOUT,
  ATLAS_PLACE_ROLE_ORIGIN,
  ATLAS_PLACE_ROLE_DESTINATION,
} AtlasPlaceRole;

typedef enum {
  ATLAS_PARTICIPANT_ROLE_AGENT,
  ATLAS_PARTICIPANT_ROLE_TARGET,
  ATLAS_PARTICIPANT_ROLE_VICTIM,
  ATLAS_PARTICIPANT_ROLE_SPEAKER,
  ATLAS_PARTICIPANT_ROLE_SUBJECT,
  ATLAS_PARTICIPANT_ROLE_MENTIONED,
} AtlasParticipantRole;

gboolean     atlas_actor_kind_from_string       (const char           *str,
                                                 AtlasActorKind       *out);
const char  *atlas_actor_kind_to_string         (AtlasActorKind        kind);
/* Translated, human readable plural for grouping: "People", "Armed groups"… */
const char  *atlas_actor_kind_get_label         (AtlasActorKind        kind);

gboolean     atlas_location_kind_from_string    (const char           *str,
                                                 AtlasLocationKind    *out);
const char  *atlas_location_kind_to_string      (AtlasLocationKind     kind);

gboolean     atlas_precision_from_string        (const char           *str,
                                                 AtlasPrecision       *out);
const char  *atlas_precision_to_string          (AtlasPrecision        precision);

gboolean     atlas_basis_from_string            (const char           *str,
                                                 AtlasBasis           *out);
const char  *atlas_basis_to_string              (AtlasBasis            basis);
/* Translated words for the details view: "stated", "relative to the dateline"… */
const char  *atlas_basis_get_label              (AtlasBasis            basis);

gboolean     atlas_place_role_from_string       (const char           *str,
                                                 AtlasPlaceRole       *out);
const char  *atlas_place_role_to_string         (AtlasPlaceRole        role);
const char  *atlas_place_role_get_label         (AtlasPlaceRole        role);

gboolean     atlas_participant_role_from_string (const char           *str,
                                                 AtlasParticipantRole *out);
const char  *atlas_participant_role_to_string   (AtlasParticipantRole  role);
const char  *atlas_participant_role_get_label   (AtlasParticipantRole  role);

/* A comma separated list of the vocabulary's words, for error messages. */
const char  *atlas_actor_kind_list_words        (void);
const char  *atlas_location_kind_list_words     (void);
const char  *atlas_precision_list_words         (void);
const char  *atlas_basis_list_words             (void);
const char  *atlas_place_role_list_words        (void);
const char  *atlas_participant_role_list_words  (void);

G_END_DECLS
