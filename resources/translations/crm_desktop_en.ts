<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CallListPanel</name>
    <message numerus="yes">
        <source>%n customer(s) to call</source>
        <translation>
            <numerusform>%n customer to call</numerusform>
            <numerusform>%n customers to call</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComplaintsPanel</name>
    <message numerus="yes">
        <source>%n complaint(s)</source>
        <translation>
            <numerusform>%n complaint</numerusform>
            <numerusform>%n complaints</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message numerus="yes">
        <source>%n field(s) to decide.</source>
        <translation>
            <numerusform>%n field to decide.</numerusform>
            <numerusform>%n fields to decide.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsFeature</name>
    <message numerus="yes">
        <source>2 versions to review: %n</source>
        <translation>
            <numerusform>2 versions to review: %n</numerusform>
            <numerusform>2 versions to review: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerDealsTab</name>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation>
            <numerusform>%n open deal</numerusform>
            <numerusform>%n open deals</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerListPanel</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DealsPanel</name>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation>
            <numerusform>%n open deal</numerusform>
            <numerusform>%n open deals</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <source>%n possible duplicate(s). Pick what to keep, field by field, then Merge.</source>
        <translation>
            <numerusform>%n possible duplicate. Pick what to keep, field by field, then Merge.</numerusform>
            <numerusform>%n possible duplicates. Pick what to keep, field by field, then Merge.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n possible duplicate(s) left.</source>
        <translation>
            <numerusform>%n possible duplicate left.</numerusform>
            <numerusform>%n possible duplicates left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErasureFeature</name>
    <message numerus="yes">
        <source>Erased “{name}”: %n record(s); automatic backups rewritten: {copies}.</source>
        <translation>
            <numerusform>Erased “{name}”: %n record; automatic backups rewritten: {copies}.</numerusform>
            <numerusform>Erased “{name}”: %n records; automatic backups rewritten: {copies}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExchangeFeature</name>
    <message numerus="yes">
        <source>%n customer(s) removed</source>
        <translation>
            <numerusform>%n customer removed</numerusform>
            <numerusform>%n customers removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) restored</source>
        <translation>
            <numerusform>%n field restored</numerusform>
            <numerusform>%n fields restored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) edited since then were left as they are.</source>
        <translation>
            <numerusform>%n field edited since then was left as it is.</numerusform>
            <numerusform>%n fields edited since then were left as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {path}.</source>
        <translation>
            <numerusform>Exported %n row to {path}.</numerusform>
            <numerusform>Exported %n rows to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FollowupsPanel</name>
    <message numerus="yes">
        <source>Nothing of yours to follow up; the team has %n: clear “Only mine” to see them.</source>
        <translation>
            <numerusform>Nothing of yours to follow up; the team has %n: clear “Only mine” to see it.</numerusform>
            <numerusform>Nothing of yours to follow up; the team has %n: clear “Only mine” to see them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) listed</source>
        <translation>
            <numerusform>%n follow-up listed</numerusform>
            <numerusform>%n follow-ups listed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due now</source>
        <translation>
            <numerusform>%n due now</numerusform>
            <numerusform>%n due now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of yours due now</source>
        <translation>
            <numerusform>%n of yours due now</numerusform>
            <numerusform>%n of yours due now</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n column</numerusform>
            <numerusform>%n columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new customer(s)</source>
        <translation>
            <numerusform>%n new customer</numerusform>
            <numerusform>%n new customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) an existing customer</source>
        <translation>
            <numerusform>%n matches an existing customer</numerusform>
            <numerusform>%n match existing customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) cannot be imported</source>
        <translation>
            <numerusform>%n row cannot be imported</numerusform>
            <numerusform>%n rows cannot be imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) not imported</source>
        <translation>
            <numerusform>%n row not imported</numerusform>
            <numerusform>%n rows not imported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogContactDialog</name>
    <message numerus="yes">
        <source>%n day(s) overdue: {step} (due {when})</source>
        <translation>
            <numerusform>%n day overdue: {step} (due {when})</numerusform>
            <numerusform>%n days overdue: {step} (due {when})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergePreviewDialog</name>
    <message numerus="yes">
        <source>%n change(s) were dated after this backup was made (the sender&apos;s clock was probably wrong); they count as made when the backup was made: {people}.</source>
        <translation>
            <numerusform>%n change were dated after this backup was made (the sender&apos;s clock was probably wrong); they count as made when the backup was made: {people}.</numerusform>
            <numerusform>%n changes were dated after this backup was made (the sender&apos;s clock was probably wrong); they count as made when the backup was made: {people}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The backup also held %n thing(s) this app does not use (triggers, views, tables, indexes or columns); they were ignored: {names}.</source>
        <translation>
            <numerusform>The backup also held %n thing this app does not use (triggers, views, tables, indexes or columns); they were ignored: {names}.</numerusform>
            <numerusform>The backup also held %n things this app does not use (triggers, views, tables, indexes or columns); they were ignored: {names}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersImportDialog</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) ready</source>
        <translation>
            <numerusform>%n order ready</numerusform>
            <numerusform>%n orders ready</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new customer(s)</source>
        <translation>
            <numerusform>%n new customer</numerusform>
            <numerusform>%n new customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems</source>
        <translation>
            <numerusform>%n row with problems</numerusform>
            <numerusform>%n rows with problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n order(s)…</source>
        <translation>
            <numerusform>Importing %n order…</numerusform>
            <numerusform>Importing %n orders…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message numerus="yes">
        <source>A call to ask whether the customer is satisfied will be scheduled in %n day(s).</source>
        <translation>
            <numerusform>A call to ask whether the customer is satisfied will be scheduled in %n day.</numerusform>
            <numerusform>A call to ask whether the customer is satisfied will be scheduled in %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>followups</name>
    <message numerus="yes">
        <source>Anniversary of {name} (%n year(s))</source>
        <translation>
            <numerusform>Anniversary of {name} (%n year)</numerusform>
            <numerusform>Anniversary of {name} (%n years)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timeline</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new customer(s)</source>
        <translation>
            <numerusform>%n new customer</numerusform>
            <numerusform>%n new customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import undone: %n order(s) removed.</source>
        <translation>
            <numerusform>Import undone: %n order removed.</numerusform>
            <numerusform>Import undone: %n orders removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) written to {path}.</source>
        <translation>
            <numerusform>%n follow-up written to {path}.</numerusform>
            <numerusform>%n follow-ups written to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Follow-ups due now: %n</source>
        <translation>
            <numerusform>Follow-ups due now: %n</numerusform>
            <numerusform>Follow-ups due now: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) due</source>
        <translation>
            <numerusform>%n follow-up due</numerusform>
            <numerusform>%n follow-ups due</numerusform>
        </translation>
    </message>
</context>
</TS>
