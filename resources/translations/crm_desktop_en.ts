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
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <source>%n possible duplicate(s) left.</source>
        <translation>
            <numerusform>%n possible duplicate left.</numerusform>
            <numerusform>%n possible duplicates left.</numerusform>
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
    <name>timeline</name>
    <message numerus="yes">
        <source>Follow-ups due now: %n</source>
        <translation>
            <numerusform>Follow-ups due now: %n</numerusform>
            <numerusform>Follow-ups due now: %n</numerusform>
        </translation>
    </message>
</context>
</TS>
