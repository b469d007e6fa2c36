<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BackupFeature</name>
    <message numerus="yes">
        <source>Backup of %n customer(s) of {whose} saved to {path}.</source>
        <translation>
            <numerusform>Backup of %n customer of {whose} saved to {path}.</numerusform>
            <numerusform>Backup of %n customers of {whose} saved to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Backup of %n selected customer(s) saved to {path}.</source>
        <translation>
            <numerusform>Backup of %n selected customer saved to {path}.</numerusform>
            <numerusform>Backup of %n selected customers saved to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkEditFeature</name>
    <message numerus="yes">
        <source>%n customer(s) are under “{old}”. Put them, with your open follow-ups and complaints, under “{new}” too?</source>
        <translation>
            <numerusform>%n customer is under “{old}”. Put them, with your open follow-ups and complaints, under “{new}” too?</numerusform>
            <numerusform>%n customers are under “{old}”. Put them, with your open follow-ups and complaints, under “{new}” too?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Give %n customer(s) to {owner}</source>
        <translation>
            <numerusform>Give %n customer to {owner}</numerusform>
            <numerusform>Give %n customers to {owner}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %n customer(s) “{tag}”</source>
        <translation>
            <numerusform>Tag %n customer “{tag}”</numerusform>
            <numerusform>Tag %n customers “{tag}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Untag %n customer(s) “{tag}”</source>
        <translation>
            <numerusform>Untag %n customer “{tag}”</numerusform>
            <numerusform>Untag %n customers “{tag}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n customer(s) do-not-contact</source>
        <translation>
            <numerusform>Mark %n customer do-not-contact</numerusform>
            <numerusform>Mark %n customers do-not-contact</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear do-not-contact of %n customer(s)</source>
        <translation>
            <numerusform>Clear do-not-contact of %n customer</numerusform>
            <numerusform>Clear do-not-contact of %n customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changed %n customer(s). Undo with Ctrl+Z.</source>
        <translation>
            <numerusform>Changed %n customer. Undo with Ctrl+Z.</numerusform>
            <numerusform>Changed %n customers. Undo with Ctrl+Z.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallListPanel</name>
    <message numerus="yes">
        <source>%n customer(s) in this session</source>
        <translation>
            <numerusform>%n customer in this session</numerusform>
            <numerusform>%n customers in this session</numerusform>
        </translation>
    </message>
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
    <name>ChangeSelectedDialog</name>
    <message numerus="yes">
        <source>The %n selected customer(s)</source>
        <translation>
            <numerusform>The %n selected customer</numerusform>
            <numerusform>The %n selected customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Everything in this view (%n customer(s))</source>
        <translation>
            <numerusform>Everything in this view (%n customer)</numerusform>
            <numerusform>Everything in this view (%n customers)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s):</source>
        <translation>
            <numerusform>%n customer:</numerusform>
            <numerusform>%n customers:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will change</source>
        <translation>
            <numerusform>%n will change</numerusform>
            <numerusform>%n will change</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already have this</source>
        <translation>
            <numerusform>%n already has this</numerusform>
            <numerusform>%n already have this</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open follow-up(s)</source>
        <translation>
            <numerusform>%n open follow-up</numerusform>
            <numerusform>%n open follow-ups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open complaint(s)</source>
        <translation>
            <numerusform>%n open complaint</numerusform>
            <numerusform>%n open complaints</numerusform>
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
    <name>CustomerFilters</name>
    <message numerus="yes">
        <source>not contacted for %n day(s)</source>
        <translation>
            <numerusform>not contacted for %n day</numerusform>
            <numerusform>not contacted for %n days</numerusform>
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
    <name>DuplicateHintsPanel</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
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
    <name>HandoverDialog</name>
    <message numerus="yes">
        <source>{name} has %n customer(s).</source>
        <translation>
            <numerusform>{name} has %n customer.</numerusform>
            <numerusform>{name} has %n customers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open follow-up(s)</source>
        <translation>
            <numerusform>%n open follow-up</numerusform>
            <numerusform>%n open follow-ups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open complaint(s)</source>
        <translation>
            <numerusform>%n open complaint</numerusform>
            <numerusform>%n open complaints</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HubFeature</name>
    <message numerus="yes">
        <source>Offline, %n change(s) waiting</source>
        <translation>
            <numerusform>Offline, %n change waiting</numerusform>
            <numerusform>Offline, %n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced · %1 · %n change(s) waiting</source>
        <translation>
            <numerusform>Synced · %1 · %n change waiting</numerusform>
            <numerusform>Synced · %1 · %n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
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
        <source>%n change(s) to customers {name} does not own are left out.</source>
        <translation>
            <numerusform>%n change to customers {name} does not own is left out.</numerusform>
            <numerusform>%n changes to customers {name} does not own are left out.</numerusform>
        </translation>
    </message>
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
    <name>PoolDialog</name>
    <message numerus="yes">
        <source>%n customer(s) in the pool.</source>
        <translation>
            <numerusform>%n customer in the pool.</numerusform>
            <numerusform>%n customers in the pool.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PoolFeature</name>
    <message numerus="yes">
        <source>Claim %n customer(s)</source>
        <translation>
            <numerusform>Claim %n customer</numerusform>
            <numerusform>Claim %n customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) are yours now.</source>
        <translation>
            <numerusform>%n customer is yours now.</numerusform>
            <numerusform>%n customers are yours now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductsDialog</name>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductsImportDialog</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new product(s)</source>
        <translation>
            <numerusform>%n new product</numerusform>
            <numerusform>%n new products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to update</source>
        <translation>
            <numerusform>%n to update</numerusform>
            <numerusform>%n to update</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems (left out)</source>
        <translation>
            <numerusform>%n row with problems (left out)</numerusform>
            <numerusform>%n rows with problems (left out)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n product(s)…</source>
        <translation>
            <numerusform>Importing %n product…</numerusform>
            <numerusform>Importing %n products…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionBar</name>
    <message numerus="yes">
        <source>%n left out: do not contact</source>
        <translation>
            <numerusform>%n left out: do not contact</numerusform>
            <numerusform>%n left out: do not contact</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out: snoozed</source>
        <translation>
            <numerusform>%n left out: snoozed</numerusform>
            <numerusform>%n left out: snoozed</numerusform>
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
    <name>WinBackPage</name>
    <message numerus="yes">
        <source>%n customer(s) to win back, who spent {total} so far.</source>
        <translation>
            <numerusform>%n customer to win back, who spent {total} so far.</numerusform>
            <numerusform>%n customers to win back, who spent {total} so far.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>deals</name>
    <message numerus="yes">
        <source>{p} % of the team&apos;s %n closed deal(s) that went through this stage were won.</source>
        <translation>
            <numerusform>{p} % of the team&apos;s %n closed deal that went through this stage was won.</numerusform>
            <numerusform>{p} % of the team&apos;s %n closed deals that went through this stage were won.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The team&apos;s setting for this stage ({p} %): only %n closed deal(s) went through it so far.</source>
        <translation>
            <numerusform>The team&apos;s setting for this stage ({p} %): only %n closed deal went through it so far.</numerusform>
            <numerusform>The team&apos;s setting for this stage ({p} %): only %n closed deals went through it so far.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation>
            <numerusform>%n open deal</numerusform>
            <numerusform>%n open deals</numerusform>
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
    <name>insight</name>
    <message numerus="yes">
        <source>%n MVC(s) became at risk.</source>
        <translation>
            <numerusform>%n MVC became at risk.</numerusform>
            <numerusform>%n MVCs became at risk.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dormant or lost customer(s) ordered again.</source>
        <translation>
            <numerusform>%n dormant or lost customer ordered again.</numerusform>
            <numerusform>%n dormant or lost customers ordered again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) placed their first order.</source>
        <translation>
            <numerusform>%n customer placed their first order.</numerusform>
            <numerusform>%n customers placed their first order.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) became MVC.</source>
        <translation>
            <numerusform>%n customer became MVC.</numerusform>
            <numerusform>%n customers became MVC.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) are no longer MVC.</source>
        <translation>
            <numerusform>%n customer are no longer MVC.</numerusform>
            <numerusform>%n customers are no longer MVC.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) are now counted as lost.</source>
        <translation>
            <numerusform>%n customer are now counted as lost.</numerusform>
            <numerusform>%n customers are now counted as lost.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{group}: %n customer(s)</source>
        <translation>
            <numerusform>{group}: %n customer</numerusform>
            <numerusform>{group}: %n customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) said why they left; most often: {reason} ({spent} spent so far). Click a bar to list them.</source>
        <translation>
            <numerusform>%n customer said why they left; most often: {reason} ({spent} spent so far). Click a bar to list them.</numerusform>
            <numerusform>%n customers said why they left; most often: {reason} ({spent} spent so far). Click a bar to list them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{reason}: %n customer(s) who had spent {spent}</source>
        <translation>
            <numerusform>{reason}: %n customer who had spent {spent}</numerusform>
            <numerusform>{reason}: %n customers who had spent {spent}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) at Commitment or Expansion stopped buying: each is a reason on the call list.</source>
        <translation>
            <numerusform>%n customer at Commitment or Expansion stopped buying: a reason on the call list.</numerusform>
            <numerusform>%n customers at Commitment or Expansion stopped buying: each is a reason on the call list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Win back: %Ln customer(s) worth {spent}</source>
        <translation>
            <numerusform>Win back: %Ln customer worth {spent}</numerusform>
            <numerusform>Win back: %Ln customers worth {spent}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{reason}: %n deal(s) worth {amount}</source>
        <translation>
            <numerusform>{reason}: %n deal worth {amount}</numerusform>
            <numerusform>{reason}: %n deals worth {amount}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deal(s) lost in the last year; most often: {reason} ({amount}).</source>
        <translation>
            <numerusform>%n deal lost in the last year; most often: {reason} ({amount}).</numerusform>
            <numerusform>%n deals lost in the last year; most often: {reason} ({amount}).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>products</name>
    <message numerus="yes">
        <source>%n added</source>
        <translation>
            <numerusform>%n added</numerusform>
            <numerusform>%n added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>targets</name>
    <message numerus="yes">
        <source>%n customer(s) likely to reorder soon ({names}, about {value}): call them to close the gap of {gap}.</source>
        <translation>
            <numerusform>%n customer likely to reorder soon ({names}, about {value}): call them to close the gap of {gap}.</numerusform>
            <numerusform>%n customers likely to reorder soon ({names}, about {value}): call them to close the gap of {gap}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) likely to reorder soon: {names} (about {value}).</source>
        <translation>
            <numerusform>%n customer likely to reorder soon: {names} (about {value}).</numerusform>
            <numerusform>%n customers likely to reorder soon: {names} (about {value}).</numerusform>
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
