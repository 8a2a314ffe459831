# The reciprocity ledger's notifications, written in their reader's language.

lg-notice-responded = { $name } responded to “{ $title }”.
lg-notice-thanked = { $name } thanked you: “{ $impact }”
lg-notice-recorded-helped = { $name } recorded that you helped them for { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. Thank you!
lg-notice-recorded-helping = { $name } recorded helping you for { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. Please confirm, adjust or dispute it.
lg-notice-recorded-between = { $leader } recorded that { $helper } helped { $helped } for { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
lg-notice-confirmed = { $name } confirmed the { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} of help.
lg-notice-suggested = { $name } suggested { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} instead of { $before }. Please confirm, adjust or dispute.
lg-notice-disputed = { $name } disputed the entry; a leader will resolve it.
lg-notice-rejected = { $name } resolved the dispute: the entry does not count.
lg-notice-reversed = { $name } corrected the entry with a reversing entry.
