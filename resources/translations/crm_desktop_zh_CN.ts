<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BackupFeature</name>
    <message>
        <source>&amp;Back up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Back up &amp;my customers only…</source>
        <translation>只备份我的客户(&amp;M)…</translation>
    </message>
    <message>
        <source>For a teammate who should get your customers, not the whole book: the file holds no one else&apos;s.</source>
        <translation>给只应拿到你的客户、而不是整个客户簿的同事：文件里没有任何其他人的客户。</translation>
    </message>
    <message>
        <source>Back up &amp;selected customers…</source>
        <translation>备份选中的客户(&amp;S)…</translation>
    </message>
    <message>
        <source>Only the customers selected in the list, with everything about them: for a teammate who should get just those.</source>
        <translation>只含列表中选中的客户及其全部资料：给只应拿到这些客户的同事。</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Merge a teammate&apos;s backup…</source>
        <translation>合并同事的备份(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Undo restore</source>
        <translation>撤销恢复(&amp;U)</translation>
    </message>
    <message>
        <source>Last backup: {when}</source>
        <translation>上次备份：{when}</translation>
    </message>
    <message>
        <source>No backup yet</source>
        <translation>尚无备份</translation>
    </message>
    <message>
        <source>Automatic backup failed</source>
        <translation>自动备份失败</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>CRM backups (*{suffix})</source>
        <translation>CRM 备份 (*{suffix})</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message numerus="yes">
        <source>Backup of %n customer(s) of {whose} saved to {path}.</source>
        <translation>
            <numerusform>{whose}的%n位客户已备份到{path}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Backup of %n selected customer(s) saved to {path}.</source>
        <translation>
            <numerusform>%n位选中的客户已备份到{path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup saved to {path}.</source>
        <translation>备份已保存到{path}。</translation>
    </message>
    <message>
        <source>Backup saved</source>
        <translation>备份已保存</translation>
    </message>
    <message>
        <source>Backup saved. Send the passphrase by another channel (phone, in person), never in the same e-mail.</source>
        <translation>备份已保存。请通过其他渠道（电话、当面）告知口令，切勿与备份放在同一封邮件中。</translation>
    </message>
    <message>
        <source>Send…</source>
        <translation>发送…</translation>
    </message>
    <message>
        <source>CRM backup {name}</source>
        <translation>CRM 备份：{name}</translation>
    </message>
    <message>
        <source>Attached is my CRM backup ({name}). Merge it with File › Merge a teammate&apos;s backup. I will give you the passphrase by phone.</source>
        <translation>附件是我的 CRM 备份（{name}）。请用“文件 › 合并同事的备份”合并。口令我会通过电话告诉你。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Replace all data by this backup? You can undo it with File › Undo restore.</source>
        <translation>用此备份替换全部数据？之后可通过“文件 › 撤销恢复”撤销。</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>正在恢复</translation>
    </message>
    <message>
        <source>Undoing restore</source>
        <translation>正在撤销恢复</translation>
    </message>
    <message>
        <source>Merge a teammate&apos;s backup</source>
        <translation>合并同事的备份</translation>
    </message>
    <message>
        <source>Reading backup</source>
        <translation>正在读取备份</translation>
    </message>
    <message>
        <source>Merge cancelled; nothing was changed.</source>
        <translation>已取消合并，数据未作任何更改。</translation>
    </message>
    <message>
        <source>Merging</source>
        <translation>正在合并</translation>
    </message>
    <message>
        <source>Merged: {n} changes, {c} kept as 2 versions, {b} brought back.</source>
        <translation>已合并：{n}处更改，{c}处保留两个版本，{b}条已恢复。</translation>
    </message>
    <message>
        <source>The automatic backup failed: {reason}</source>
        <translation>自动备份失败：{reason}</translation>
    </message>
    <message>
        <source>The automatic backup when the app last quit failed: {reason}</source>
        <translation>上次退出程序时的自动备份失败：{reason}</translation>
    </message>
</context>
<context>
    <name>Books</name>
    <message>
        <source>CRM books (*.sqlite)</source>
        <translation>客户资料库 (*.sqlite)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open the book</source>
        <translation>无法打开资料库</translation>
    </message>
    <message>
        <source>Open a book</source>
        <translation>打开资料库</translation>
    </message>
    <message>
        <source>New book</source>
        <translation>新建资料库</translation>
    </message>
    <message>
        <source>“{path}” already exists; open it with File › Open book… or choose another name.</source>
        <translation>“{path}”已存在；请用“文件 › 打开资料库…”打开它，或换一个名称。</translation>
    </message>
    <message>
        <source>Making the demo book…</source>
        <translation>正在生成演示资料库…</translation>
    </message>
    <message>
        <source>Making the demo book</source>
        <translation>生成演示资料库</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Your name, as teammates should see it on the customers you own (pick yourself if you are already on the team):</source>
        <translation>你的姓名，同事会在你负责的客户上看到它（如果你已在团队中，请选择自己）：</translation>
    </message>
    <message>
        <source>Your name, as teammates should see it on the customers you own:</source>
        <translation>您的姓名（同事会在您负责的客户上看到）：</translation>
    </message>
</context>
<context>
    <name>BulkEditFeature</name>
    <message>
        <source>Change &amp;selected…</source>
        <translation>批量修改所选客户(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Hand over customers…</source>
        <translation>移交客户(&amp;H)…</translation>
    </message>
    <message>
        <source>No customers in this view to change.</source>
        <translation>当前列表中没有可修改的客户。</translation>
    </message>
    <message>
        <source>Change selected customers</source>
        <translation>批量修改客户</translation>
    </message>
    <message>
        <source>Hand over {source}&apos;s customers to {target}</source>
        <translation>将{source}的客户移交给{target}</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) are under “{old}”. Put them, with your open follow-ups and complaints, under “{new}” too?</source>
        <translation>
            <numerusform>有%n位客户记在“{old}”名下。要把他们连同你未完成的跟进和投诉一起改到“{new}”名下吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand over customers</source>
        <translation>移交客户</translation>
    </message>
    <message numerus="yes">
        <source>Give %n customer(s) to {owner}</source>
        <translation>
            <numerusform>将%n位客户交给{owner}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %n customer(s) “{tag}”</source>
        <translation>
            <numerusform>为%n位客户添加标签“{tag}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Untag %n customer(s) “{tag}”</source>
        <translation>
            <numerusform>移除%n位客户的标签“{tag}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n customer(s) do-not-contact</source>
        <translation>
            <numerusform>将%n位客户设为勿扰</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear do-not-contact of %n customer(s)</source>
        <translation>
            <numerusform>取消%n位客户的勿扰</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changed %n customer(s). Undo with Ctrl+Z.</source>
        <translation>
            <numerusform>已修改%n位客户。按 Ctrl+Z 可撤销。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallListFeature</name>
    <message>
        <source>Back on today&apos;s calls</source>
        <translation>回到今日致电</translation>
    </message>
    <message>
        <source>Reasons to call them:</source>
        <translation>致电理由：</translation>
    </message>
    <message>
        <source>Today&apos;s calls</source>
        <translation>今日致电</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s calls</source>
        <translation>今日致电(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Call the customers in this list</source>
        <translation>逐一致电此列表中的客户(&amp;C)</translation>
    </message>
    <message>
        <source>A call session through the customers the customer list shows now, in place of today&apos;s calls</source>
        <translation>在“今日致电”处，逐一致电客户列表当前显示的客户</translation>
    </message>
    <message>
        <source>Nobody to call: the list is empty.</source>
        <translation>没有可致电的客户：列表为空。</translation>
    </message>
    <message>
        <source>Select a customer first.</source>
        <translation>请先选择一个客户。</translation>
    </message>
    <message>
        <source>Why not on today&apos;s list?</source>
        <translation>为什么不在今天的名单上？</translation>
    </message>
    <message>
        <source>Why not on today&apos;s &amp;list?</source>
        <translation>为什么不在今天的名单上(&amp;L)？</translation>
    </message>
    <message>
        <source>&amp;Back on today&apos;s calls</source>
        <translation>回到今日致电(&amp;B)</translation>
    </message>
    <message>
        <source>Back on today&apos;s calls. Undo with Ctrl+Z.</source>
        <translation>已回到今日致电。按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Call list settings</source>
        <translation>拨打名单设置</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s calls…</source>
        <translation>今日致电(&amp;T)…</translation>
    </message>
</context>
<context>
    <name>CallListModel</name>
    <message>
        <source>nobody&apos;s customer</source>
        <translation>无负责人的客户</translation>
    </message>
    <message>
        <source>{owner}&apos;s customer</source>
        <translation>{owner}的客户</translation>
    </message>
</context>
<context>
    <name>CallListPanel</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Whose customers today&apos;s calls are for: yours (and nobody&apos;s), the whole team&apos;s, or a colleague&apos;s while you cover for them.</source>
        <translation>今日致电针对谁的客户：你的（以及无负责人的）、整个团队的，或你代班时同事的。</translation>
    </message>
    <message>
        <source>Enter: open · Ctrl+L: log the call · D: done for today · S: snooze a week</source>
        <translation>Enter：打开 · Ctrl+L：记录通话 · D：今天已处理 · S：暂缓一周</translation>
    </message>
    <message>
        <source>My customers</source>
        <translation>我的客户</translation>
    </message>
    <message>
        <source>The team&apos;s customers</source>
        <translation>团队的客户</translation>
    </message>
    <message>
        <source>Covering for {name}</source>
        <translation>代{name}跟进</translation>
    </message>
    <message>
        <source>Scoring customers…</source>
        <translation>正在为客户评分…</translation>
    </message>
    <message>
        <source>Scoring customers</source>
        <translation>正在为客户评分</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) in this session</source>
        <translation>
            <numerusform>本轮致电共%n个客户</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody in this set may be called.</source>
        <translation>这组客户中没有可以致电的。</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) to call</source>
        <translation>
            <numerusform>%n位客户待致电</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} (covering for {name})</source>
        <translation>{count}（代{name}跟进）</translation>
    </message>
    <message>
        <source>{count} (the team&apos;s)</source>
        <translation>{count}（团队）</translation>
    </message>
    <message>
        <source>Snooze “{name}” for a week</source>
        <translation>“{name}”推迟一周</translation>
    </message>
    <message>
        <source>Done for today: “{name}”</source>
        <translation>今日已处理：“{name}”</translation>
    </message>
    <message>
        <source>Snoozed until {when}. Undo with Ctrl+Z.</source>
        <translation>已推迟到{when}。按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Nobody to call today.</source>
        <translation>今天没有需要致电的客户。</translation>
    </message>
    <message>
        <source>Logging a contact is not available here; the customer was opened instead.</source>
        <translation>此处无法记录联系，已改为打开该客户。</translation>
    </message>
</context>
<context>
    <name>CallListSettingsDialog</name>
    <message>
        <source>Rows on the list</source>
        <translation>名单行数</translation>
    </message>
    <message>
        <source>How many customers today&apos;s list shows, the strongest reasons first.</source>
        <translation>今日致电名单显示的客户数，理由最充分的排在前面。</translation>
    </message>
    <message>
        <source>How many reasons to call each row gives (1 to 3).</source>
        <translation>每一行列出的致电理由条数（1到3条）。</translation>
    </message>
    <message>
        <source>Rest after a contact (days)</source>
        <translation>联系后的间隔（天）</translation>
    </message>
    <message>
        <source>Someone contacted this recently stays off the list, unless a follow-up or a complaint of theirs is due.</source>
        <translation>在这段时间内联系过的客户不上名单，除非有到期的跟进或投诉。</translation>
    </message>
    <message>
        <source>Birthdays: days ahead</source>
        <translation>生日：提前天数</translation>
    </message>
    <message>
        <source>A birthday or anniversary this many days away is a reason to call (0: only on the day).</source>
        <translation>生日或纪念日在这么多天之内，就是致电的理由（0表示只在当天）。</translation>
    </message>
    <message>
        <source>Value horizon (days)</source>
        <translation>价值预测期（天）</translation>
    </message>
    <message>
        <source>A customer&apos;s expected value is what they are expected to buy within this many days.</source>
        <translation>客户的预期价值，指预计该客户在这么多天内的购买金额。</translation>
    </message>
    <message>
        <source>Customers among this share of buyers by amount spent count as valuable; a valuable customer who stops ordering is called back.</source>
        <translation>按已消费金额排在这一比例之内的客户算作高价值客户；高价值客户不再下单时，名单会提醒回访。</translation>
    </message>
    <message>
        <source>This share of customers, those with the highest expected value, get a reason to call.</source>
        <translation>预期价值最高的这一比例客户，会得到一条致电理由。</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>跟进到期</translation>
    </message>
    <message>
        <source>A promised next step that is due; more the longer it is overdue (up to 3 times).</source>
        <translation>承诺的下一步已到期；逾期越久分值越高（最多3倍）。</translation>
    </message>
    <message>
        <source>Complaint past its deadline</source>
        <translation>投诉已超时限</translation>
    </message>
    <message>
        <source>An open complaint whose deadline has passed; more the longer past it (up to 3 times).</source>
        <translation>未结投诉已过时限；超时越久分值越高（最多3倍）。</translation>
    </message>
    <message>
        <source>Open complaint</source>
        <translation>未结投诉</translation>
    </message>
    <message>
        <source>An open complaint still within its deadline.</source>
        <translation>仍在时限内的未结投诉。</translation>
    </message>
    <message>
        <source>Valuable customer at risk</source>
        <translation>有流失风险的高价值客户</translation>
    </message>
    <message>
        <source>A valuable customer who orders less than usual or has stopped; more the less likely they still buy.</source>
        <translation>下单比平时少或已停止下单的高价值客户；仍会购买的可能性越低，分值越高。</translation>
    </message>
    <message>
        <source>Top value</source>
        <translation>最高价值</translation>
    </message>
    <message>
        <source>A customer among the top value (see the share above).</source>
        <translation>属于最高价值的客户（比例见上文）。</translation>
    </message>
    <message>
        <source>Growth chance</source>
        <translation>增长机会</translation>
    </message>
    <message>
        <source>A customer expected to buy much more than so far.</source>
        <translation>预计购买额将远超以往的客户。</translation>
    </message>
    <message>
        <source>Customer&apos;s birthday</source>
        <translation>客户生日</translation>
    </message>
    <message>
        <source>The customer&apos;s birthday is near; double on the day.</source>
        <translation>客户生日临近；当天分值加倍。</translation>
    </message>
    <message>
        <source>Contact&apos;s birthday</source>
        <translation>联系人生日</translation>
    </message>
    <message>
        <source>The birthday of a contact at a business customer is near; double on the day.</source>
        <translation>企业客户某位联系人的生日临近；当天分值加倍。</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <source>The customer&apos;s anniversary is near; double on the day.</source>
        <translation>客户的纪念日临近；当天分值加倍。</translation>
    </message>
    <message>
        <source>Quiet deal</source>
        <translation>停滞商机</translation>
    </message>
    <message>
        <source>An open deal whose customer nobody contacted for longer than its stage usually takes; more the longer past it (up to 3 times).</source>
        <translation>进行中的商机，客户久未联系、超过该阶段通常所需的天数；超出越久权重越高（最多3倍）。</translation>
    </message>
    <message>
        <source>Stage mismatch</source>
        <translation>关系阶段不符</translation>
    </message>
    <message>
        <source>Win back</source>
        <translation>挽回</translation>
    </message>
    <message>
        <source>A customer who spent a lot and stopped buying (lost or dormant); more the more they spent. Only with “Include win-back customers” on.</source>
        <translation>曾经大量消费、后来不再购买的客户（已流失或沉睡）；消费越多，分数越高。仅在勾选“包含待挽回客户”时有效。</translation>
    </message>
    <message>
        <source>Cost to serve: per order</source>
        <translation>服务成本：每笔订单</translation>
    </message>
    <message>
        <source>What handling one order costs the team (delivery, invoicing), in the book&apos;s currency. With costs set, a customer whose expected value does not cover them is BZ: serve them at lower cost.</source>
        <translation>团队处理一笔订单的成本（配送、开票），以客户簿的币种计。设置成本后，预期价值不足以覆盖成本的客户即为负值客户：应以更低成本服务他们。</translation>
    </message>
    <message>
        <source>Cost to serve: per customer and year</source>
        <translation>服务成本：每位客户每年</translation>
    </message>
    <message>
        <source>What keeping one customer costs a year (visits, calls, samples), in the book&apos;s currency. 0 and 0: nobody is BZ.</source>
        <translation>维护一位客户一年的成本（拜访、电话、样品），以客户簿的币种计。两项都为0时，没有负值客户。</translation>
    </message>
    <message>
        <source>MVC: top share of buyers</source>
        <translation>最有价值客户：占购买客户的比例</translation>
    </message>
    <message>
        <source>The most valuable customers (keep them): this share of buyers with the highest expected value after costs.</source>
        <translation>最有价值客户（重在保持）：扣除成本后预期价值最高的这部分购买客户。</translation>
    </message>
    <message>
        <source>MGC: expected against spent so far</source>
        <translation>最具增长潜力客户：预期购买与已购买之比</translation>
    </message>
    <message>
        <source>The most growable (develop them): expected to buy at least this many times what they have spent so far; everyone else is a migrator.</source>
        <translation>最具增长潜力客户（重在发展）：预期购买至少达到其迄今消费额的这么多倍；其余为普通客户。</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
    <message>
        <source>How long the list is, who stays off it, and how far ahead it looks.</source>
        <translation>名单有多长、哪些客户不上名单、提前多久提醒。</translation>
    </message>
    <message>
        <source>Weights (points)</source>
        <translation>权重（分）</translation>
    </message>
    <message>
        <source>Each reason to call scores its weight in points; a customer&apos;s score is the sum of their reasons, and the list shows the highest scores first. 0 turns a reason off.</source>
        <translation>每条致电理由按其权重计分；客户的得分是各条理由分值之和，名单按得分从高到低排列。设为0即关闭该理由。</translation>
    </message>
    <message>
        <source>Value segments (MVC, MGC, BZ)</source>
        <translation>价值分群（最有价值、最具增长潜力、负值客户）</translation>
    </message>
    <message>
        <source>How customers are grouped by value on the dashboard, the card and the list: BZ first (expected value below the cost to serve), then MVC among the rest, then MGC, everyone else a migrator.</source>
        <translation>仪表盘、客户卡片和列表中客户按价值分群的方式：先定出负值客户（预期价值低于服务成本），再在其余客户中定出最有价值客户，然后是最具增长潜力客户，其余为普通客户。</translation>
    </message>
    <message>
        <source>Include win-back customers</source>
        <translation>包含待挽回客户</translation>
    </message>
    <message>
        <source>Lost and dormant customers who spent a lot are left off the list unless this is on; then they get a win-back reason, weighed like the others. Default: off.</source>
        <translation>不勾选时，大量消费过的已流失和沉睡客户不会出现在名单上；勾选后，他们会得到“挽回”理由，与其他理由一同计分。默认：不勾选。</translation>
    </message>
    <message>
        <source>{explanation} Default: {value}.</source>
        <translation>{explanation}默认值：{value}。</translation>
    </message>
    <message>
        <source>Reasons per row</source>
        <translation>每行理由数</translation>
    </message>
    <message>
        <source>Valuable: top share by spend</source>
        <translation>高价值：按消费额排名前</translation>
    </message>
    <message>
        <source>Top value: share of customers</source>
        <translation>最高价值：客户比例</translation>
    </message>
    <message>
        <source>The relationship stage says commitment or expansion, but the customer is dormant or lost by what they buy.</source>
        <translation>关系阶段是承诺或扩大，但从购买情况看，客户已沉睡或已流失。</translation>
    </message>
    <message>
        <source>Today&apos;s calls: settings</source>
        <translation>今日致电设置</translation>
    </message>
</context>
<context>
    <name>CallSession</name>
    <message>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>Customer list: {filters}</source>
        <translation>客户列表：{filters}</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangeSelectedDialog</name>
    <message>
        <source>Change selected customers</source>
        <translation>批量修改客户</translation>
    </message>
    <message numerus="yes">
        <source>The %n selected customer(s)</source>
        <translation>
            <numerusform>所选的%n位客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Everything in this view (%n customer(s))</source>
        <translation>
            <numerusform>当前列表中的全部客户（%n位）</numerusform>
        </translation>
    </message>
    <message>
        <source>Reassign owner</source>
        <translation>更换负责人</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Remove a tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Set do-not-contact</source>
        <translation>设为勿扰</translation>
    </message>
    <message>
        <source>Clear do-not-contact</source>
        <translation>取消勿扰</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Their open follow-ups go to the new owner</source>
        <translation>其未完成的跟进一并交给新负责人</translation>
    </message>
    <message>
        <source>Their open complaints go to the new owner</source>
        <translation>其未结的投诉一并交给新负责人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>First customers:</source>
        <translation>前几位客户：</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s):</source>
        <translation>
            <numerusform>%n位客户：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will change</source>
        <translation>
            <numerusform>%n位将被修改</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already have this</source>
        <translation>
            <numerusform>%n位已是此值</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open follow-up(s)</source>
        <translation>
            <numerusform>%n条未完成的跟进</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open complaint(s)</source>
        <translation>
            <numerusform>%n件未结的投诉</numerusform>
        </translation>
    </message>
    <message>
        <source>With them: {items}.</source>
        <translation>随之移交：{items}。</translation>
    </message>
</context>
<context>
    <name>ChurnReasonDialog</name>
    <message>
        <source>Why did they stop buying?</source>
        <translation>他们为什么不再购买？</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Why they stopped</source>
        <translation>流失原因</translation>
    </message>
</context>
<context>
    <name>ClosingZone</name>
    <message>
        <source>Drop a card here when the deal is won.</source>
        <translation>赢单时把卡片拖到这里。</translation>
    </message>
    <message>
        <source>Drop a card here when the deal is lost.</source>
        <translation>输单时把卡片拖到这里。</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <source>Company details</source>
        <translation>公司信息</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>税号</translation>
    </message>
    <message>
        <source>Bank and account</source>
        <translation>开户行及账号</translation>
    </message>
    <message>
        <source>C&amp;hoose PNG…</source>
        <translation>选择 PNG 图片(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Seal image</source>
        <translation>公章图片</translation>
    </message>
    <message>
        <source>Printed on every quote; the seal is drawn at the bottom right when set.</source>
        <translation>印在每份报价单上；设置了公章时，公章盖在右下角。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Complaint of {name}</source>
        <translation>{name}的投诉</translation>
    </message>
    <message>
        <source>Complaint {number} of {name}</source>
        <translation>{name}的投诉{number}</translation>
    </message>
    <message>
        <source>What the customer said, in their words</source>
        <translation>客户的原话</translation>
    </message>
    <message>
        <source>Came in</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Answer by {answer}; resolve by {resolve}.</source>
        <translation>答复期限{answer}；解决期限{resolve}。</translation>
    </message>
</context>
<context>
    <name>ComplaintFiguresView</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Times are from when the complaint came in. Months are by the day it came in.</source>
        <translation>用时从投诉时间起算；月份按投诉日期划分。</translation>
    </message>
</context>
<context>
    <name>ComplaintSettingsDialog</name>
    <message>
        <source>Complaint settings</source>
        <translation>投诉设置</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Answer within (hours)</source>
        <translation>答复期限（小时）</translation>
    </message>
    <message>
        <source>Resolve within (hours)</source>
        <translation>解决期限（小时）</translation>
    </message>
    <message>
        <source>One category per line</source>
        <translation>每行一个类别</translation>
    </message>
    <message>
        <source>Satisfaction call after (days)</source>
        <translation>满意度回访间隔（天）</translation>
    </message>
    <message>
        <source>Built-in categories</source>
        <translation>内置类别</translation>
    </message>
    <message>
        <source>More categories</source>
        <translation>更多类别</translation>
    </message>
    <message>
        <source>New deadlines apply to complaints recorded or reopened from now on.</source>
        <translation>新期限适用于此后登记或重新打开的投诉。</translation>
    </message>
</context>
<context>
    <name>ComplaintsPanel</name>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>Any deadline</source>
        <translation>任何期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Overdue or due soon</source>
        <translation>已逾期或即将到期</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>所有严重程度</translation>
    </message>
    <message>
        <source>Customer, number or words…</source>
        <translation>客户、编号或关键词…</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>所有类别</translation>
    </message>
    <message numerus="yes">
        <source>%n complaint(s)</source>
        <translation>
            <numerusform>%n件投诉</numerusform>
        </translation>
    </message>
    <message>
        <source>The complaints could not be read.</source>
        <translation>无法读取投诉。</translation>
    </message>
</context>
<context>
    <name>ConfirmErasureDialog</name>
    <message>
        <source>Erase for good</source>
        <translation>永久抹除</translation>
    </message>
    <message>
        <source>Type “{name}” to erase this person&apos;s data for good. This cannot be undone.</source>
        <translation>请输入“{name}”以永久抹除此人的数据。此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Two versions to review</source>
        <translation>待确认的两个版本</translation>
    </message>
    <message>
        <source>You and a teammate changed these fields at the same time. The book keeps the later change; decide for each: keep it, take the other version, or type what is right. Your decision is an ordinary change: teammates get it with your next backup.</source>
        <translation>你和同事同时改了下面这些字段。客户簿保留了较晚的修改；请逐项决定：保留它、改用另一个版本，或输入正确的值。你的决定是一次普通修改，同事会在你下次备份时收到。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>This book has</source>
        <translation>本客户簿的值</translation>
    </message>
    <message>
        <source>Other version</source>
        <translation>另一个版本</translation>
    </message>
    <message>
        <source>Keep this book&apos;s</source>
        <translation>保留本簿的值</translation>
    </message>
    <message>
        <source>Use the other version</source>
        <translation>改用另一个版本</translation>
    </message>
    <message>
        <source>Type another value…</source>
        <translation>输入其他值…</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>(no customer)</source>
        <translation>（无客户）</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) to decide.</source>
        <translation>
            <numerusform>还有%n个字段待决定。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing left to decide.</source>
        <translation>没有待决定的字段了。</translation>
    </message>
    <message>
        <source>This book has: {value} ({who})</source>
        <translation>本簿的值：{value}（{who}）</translation>
    </message>
    <message>
        <source>Other version: {value} ({who})</source>
        <translation>另一个版本：{value}（{who}）</translation>
    </message>
    <message>
        <source>Changed since the merge; now: {value}</source>
        <translation>合并后又改过，现在是：{value}</translation>
    </message>
    <message>
        <source>Type another value</source>
        <translation>输入其他值</translation>
    </message>
    <message>
        <source>{field} of “{name}”:</source>
        <translation>“{name}”的{field}：</translation>
    </message>
</context>
<context>
    <name>ConflictsFeature</name>
    <message>
        <source>Review two &amp;versions…</source>
        <translation>确认两个版本(&amp;V)…</translation>
    </message>
    <message>
        <source>Two versions</source>
        <translation>两个版本</translation>
    </message>
    <message numerus="yes">
        <source>2 versions to review: %n</source>
        <translation>
            <numerusform>待确认的两个版本：%n项</numerusform>
        </translation>
    </message>
    <message>
        <source>Fields you and a teammate both changed; click to decide.</source>
        <translation>你和同事都改过的字段；点击逐项决定。</translation>
    </message>
    <message>
        <source>Keep this book&apos;s {field} of “{name}”</source>
        <translation>保留“{name}”本簿的{field}</translation>
    </message>
    <message>
        <source>Use the other {field} of “{name}”</source>
        <translation>改用“{name}”另一个版本的{field}</translation>
    </message>
    <message>
        <source>Type the {field} of “{name}”</source>
        <translation>输入“{name}”的{field}</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to team hub</source>
        <translation>连接团队同步中心</translation>
    </message>
    <message>
        <source>Paste the invitation your administrator gave you (one line starting with crm-hub:). The password it holds is kept in this computer&apos;s keyring.</source>
        <translation>粘贴管理员给您的邀请（以 crm-hub 开头的一行）。其中的密码将保存在本机的系统钥匙串中。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>ContactsEditor</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Buying role</source>
        <translation>采购角色</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>&amp;Add contact</source>
        <translation>添加联系人(&amp;A)</translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Second phone</source>
        <translation>第二电话</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Contact {n} ({name}): {problem}</source>
        <translation>联系人{n}（{name}）：{problem}</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Buying role</source>
        <translation>购买角色</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&lt;b&gt;Decision unit&lt;/b&gt;</source>
        <translation>&lt;b&gt;采购决策小组&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No customer selected&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;未选择客户&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Pick a customer in the list, or press Ctrl+N to add one.</source>
        <translation>在列表中选择一个客户，或按 Ctrl+N 新建。</translation>
    </message>
    <message>
        <source>Do not contact: opted out of direct marketing.</source>
        <translation>请勿联系：已拒绝直接营销。</translation>
    </message>
    <message>
        <source>Off today&apos;s calls until {when} (Customer › Back on today&apos;s calls)</source>
        <translation>{when}前不在今日致电中（客户 › 回到今日致电）</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>偏好渠道</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Relationship stage</source>
        <translation>关系阶段</translation>
    </message>
    <message>
        <source>{stage} (set by a salesperson: how far the relationship has come; the lifecycle above is computed from orders)</source>
        <translation>{stage}（由销售人员设定：关系发展到哪一步；上方的生命周期由订单计算得出）</translation>
    </message>
    <message>
        <source>Company size</source>
        <translation>公司规模</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation>营销许可</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>外部编号</translation>
    </message>
</context>
<context>
    <name>CustomerComplaintsTab</name>
    <message>
        <source>New complaint…</source>
        <translation>新建投诉…</translation>
    </message>
</context>
<context>
    <name>CustomerDealsModel</name>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>In stage since</source>
        <translation>进入阶段日期</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>{stage} ({reason})</source>
        <translation>{stage}（{reason}）</translation>
    </message>
</context>
<context>
    <name>CustomerDealsTab</name>
    <message>
        <source>New deal…</source>
        <translation>新建商机…</translation>
    </message>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation>
            <numerusform>%n个进行中的商机</numerusform>
        </translation>
    </message>
    <message>
        <source>No deals yet.</source>
        <translation>还没有商机。</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>e.g. 138 0013 8000 or +852 …</source>
        <translation>例如：138 0013 8000，或+852…</translation>
    </message>
    <message>
        <source>Agreed to receive marketing</source>
        <translation>同意接收营销信息</translation>
    </message>
    <message>
        <source>Do not contact (opted out of direct marketing)</source>
        <translation>勿扰（已拒绝直接营销）</translation>
    </message>
    <message>
        <source>me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>comma separated, e.g. VIP, 老客户</source>
        <translation>用逗号分隔，例如：VIP，老客户</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Company size</source>
        <translation>公司规模</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>偏好渠道</translation>
    </message>
    <message>
        <source>Relationship stage</source>
        <translation>关系阶段</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <source>Contacts ({n})</source>
        <translation>联系人（{n}）</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>外部编号</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
</context>
<context>
    <name>CustomerFilters</name>
    <message>
        <source>decile {deciles}</source>
        <translation>第{deciles}组</translation>
    </message>
    <message numerus="yes">
        <source>not contacted for %n day(s)</source>
        <translation>
            <numerusform>%n天未联系</numerusform>
        </translation>
    </message>
    <message>
        <source>P(active) below {p} %</source>
        <translation>活跃概率低于{p}%</translation>
    </message>
    <message>
        <source>expected value at least {value}</source>
        <translation>预期价值至少{value}</translation>
    </message>
</context>
<context>
    <name>CustomerFiltersDialog</name>
    <message>
        <source>Filter the customer list</source>
        <translation>筛选客户列表</translation>
    </message>
    <message>
        <source>Segment, decile, lifecycle stage, P(active) and expected value are today&apos;s scores (as on the dashboard); a box left empty does not filter.</source>
        <translation>客户分群、十分制组别、生命周期、活跃概率和预期价值都是今天的评分（与仪表盘一致）；留空的项不参与筛选。</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Only customers whose last contact is at least this many days ago, or who were never contacted</source>
        <translation>只显示最近一次联系至少在这么多天以前、或从未联系过的客户</translation>
    </message>
    <message>
        <source>Only buying customers whose probability of still buying is below this</source>
        <translation>只显示仍在购买的概率低于此值的已购客户</translation>
    </message>
    <message>
        <source>Only customers expected to bring at least this much over the scores&apos; horizon (in the book&apos;s currency)</source>
        <translation>只显示在评分期内预计至少带来这么多价值的客户（按客户库的币种）</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Decile</source>
        <translation>十分制组</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Relationship stage</source>
        <translation>关系阶段</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Not contacted for at least</source>
        <translation>至少多久未联系</translation>
    </message>
    <message>
        <source>P(active) below</source>
        <translation>活跃概率低于</translation>
    </message>
    <message>
        <source>Expected value at least</source>
        <translation>预期价值至少</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
</context>
<context>
    <name>CustomerListPanel</name>
    <message>
        <source>Search name, pinyin (zw), company, phone, e-mail…  (Ctrl+F)</source>
        <translation>搜索姓名、拼音（zw）、公司、电话、邮箱…（Ctrl+F）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Contact: all</source>
        <translation>联系许可：全部</translation>
    </message>
    <message>
        <source>May contact</source>
        <translation>联系许可：可联系</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>联系许可：勿扰</translation>
    </message>
    <message>
        <source>Show everyone, only customers who may be contacted, or only those who opted out of direct marketing</source>
        <translation>显示全部客户、只显示可以联系的客户，或只显示已拒绝直接营销的客户</translation>
    </message>
    <message>
        <source>Filters…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>Filter by segment, decile, lifecycle, relationship stage, industry or days since the last contact</source>
        <translation>按分群、十分制组、生命周期、关系阶段、行业或距上次联系的天数筛选</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Show everyone</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Call these customers</source>
        <translation>致电这些客户</translation>
    </message>
    <message>
        <source>A call session through the customers shown, in today&apos;s calls</source>
        <translation>在“今日致电”中逐一致电所显示的客户</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <source>Mine ({name})</source>
        <translation>我的（{name}）</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Showing only: {what}</source>
        <translation>仅显示：{what}</translation>
    </message>
    <message>
        <source>Filters: {what}</source>
        <translation>筛选：{what}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n个客户</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Decile</source>
        <translation>十分制组</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Expected value</source>
        <translation>预期价值</translation>
    </message>
    <message>
        <source>P(active)</source>
        <translation>活跃概率</translation>
    </message>
    <message>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>Do not contact: this customer opted out of direct marketing.</source>
        <translation>请勿联系：该客户已拒绝直接营销。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>notes or other details</source>
        <translation>备注或其他信息</translation>
    </message>
    <message>
        <source>{what} {value}</source>
        <translation>{what} {value}</translation>
    </message>
</context>
<context>
    <name>DealDialog</name>
    <message>
        <source>New deal for {name}</source>
        <translation>为{name}新建商机</translation>
    </message>
    <message>
        <source>Deal of {name}</source>
        <translation>{name}的商机</translation>
    </message>
    <message>
        <source>What may be sold, e.g. annual supply contract</source>
        <translation>要卖什么，例如：年度供货合同</translation>
    </message>
    <message>
        <source>e.g. 12,800</source>
        <translation>例如：12800</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>&amp;Quote…</source>
        <translation>报价(&amp;Q)…</translation>
    </message>
    <message>
        <source>Expected to close on</source>
        <translation>预计成交日期</translation>
    </message>
    <message>
        <source>(nobody in particular)</source>
        <translation>（不指定）</translation>
    </message>
    <message>
        <source>e.g. trade fair, referral, website</source>
        <translation>例如：展会、转介绍、官网</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>DealsListModel</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Days in stage</source>
        <translation>本阶段天数</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>DealsPanel</name>
    <message>
        <source>Filter by customer, title or owner</source>
        <translation>按客户、名称或负责人筛选</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Open deal</source>
        <translation>打开商机</translation>
    </message>
    <message>
        <source>Move to the next stage</source>
        <translation>推进到下一阶段</translation>
    </message>
    <message>
        <source>Mark as won</source>
        <translation>标记为赢单</translation>
    </message>
    <message>
        <source>Mark as lost…</source>
        <translation>标记为输单…</translation>
    </message>
</context>
<context>
    <name>DuplicateHintsPanel</name>
    <message>
        <source>Already in the book? Open one instead of adding a second record:</source>
        <translation>客户簿中可能已有此客户，可直接打开，以免重复建档：</translation>
    </message>
    <message>
        <source>Open this customer instead</source>
        <translation>改为打开此客户</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>……另有%n位</numerusform>
        </translation>
    </message>
    <message>
        <source>owner: {owner}</source>
        <translation>负责人：{owner}</translation>
    </message>
    <message>
        <source>no owner</source>
        <translation>无负责人</translation>
    </message>
    <message>
        <source>last contact {date}</source>
        <translation>最近联系：{date}</translation>
    </message>
    <message>
        <source>never contacted</source>
        <translation>从未联系</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Find duplicates</source>
        <translation>查找重复客户</translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <source>Undo last merge</source>
        <translation>撤销上次合并</translation>
    </message>
    <message>
        <source>Record A</source>
        <translation>记录 A</translation>
    </message>
    <message>
        <source>Record B</source>
        <translation>记录 B</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Keep record A</source>
        <translation>保留记录 A</translation>
    </message>
    <message>
        <source>Keep record B</source>
        <translation>保留记录 B</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Not a duplicate</source>
        <translation>不是重复</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复客户…</translation>
    </message>
    <message>
        <source>Finding duplicates</source>
        <translation>正在查找重复客户</translation>
    </message>
    <message numerus="yes">
        <source>%n possible duplicate(s). Pick what to keep, field by field, then Merge.</source>
        <translation>
            <numerusform>发现%n组可能重复的客户。请逐个字段选择保留的值，然后合并。</numerusform>
        </translation>
    </message>
    <message>
        <source>No duplicates found.</source>
        <translation>未发现重复客户。</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>both</source>
        <translation>两者都保留</translation>
    </message>
    <message>
        <source>all move to the kept record</source>
        <translation>全部移到保留的记录</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>正在合并…</translation>
    </message>
    <message numerus="yes">
        <source>%n possible duplicate(s) left.</source>
        <translation>
            <numerusform>还剩%n组可能重复的客户。</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged. Undo last merge brings the other record back.</source>
        <translation>已合并。“撤销上次合并”可恢复另一条记录。</translation>
    </message>
    <message>
        <source>The last merge was undone.</source>
        <translation>已撤销上次合并。</translation>
    </message>
</context>
<context>
    <name>ErasureFeature</name>
    <message>
        <source>&amp;Erase this person&apos;s data…</source>
        <translation>抹除此人的数据(&amp;E)…</translation>
    </message>
    <message>
        <source>Erase this person&apos;s data</source>
        <translation>抹除此人的数据</translation>
    </message>
    <message>
        <source>Erase everything stored about “{name}”?</source>
        <translation>要抹除关于“{name}”的全部数据吗？</translation>
    </message>
    <message>
        <source>The record, contacts, logged contacts, orders, complaints and tags are erased for good, also from the automatic backups on this computer; teammates&apos; copies go at their next merge. This cannot be undone. To remove someone you may want back, use Delete instead.</source>
        <translation>客户资料、联系人、联系记录、订单、投诉和标签将被永久抹除，本机的自动备份中也会一并抹除；同事那里的副本会在他们下次合并时抹除。此操作无法撤销。如果以后可能还需要此人，请改用“删除”。</translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation>继续…</translation>
    </message>
    <message numerus="yes">
        <source>Erased “{name}”: %n record(s); automatic backups rewritten: {copies}.</source>
        <translation>
            <numerusform>已抹除“{name}”：%n条记录；已重写的自动备份：{copies}个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Erasing</source>
        <translation>正在抹除</translation>
    </message>
</context>
<context>
    <name>ExchangeFeature</name>
    <message>
        <source>&amp;Import customers…</source>
        <translation>导入客户(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Undo last import</source>
        <translation>撤销上次导入</translation>
    </message>
    <message>
        <source>Find &amp;duplicates…</source>
        <translation>查找重复客户(&amp;D)…</translation>
    </message>
    <message>
        <source>Export this person&apos;s data…</source>
        <translation>导出此人的数据…</translation>
    </message>
    <message>
        <source>There is no import to undo.</source>
        <translation>没有可撤销的导入。</translation>
    </message>
    <message>
        <source>Undo the last import ({what})? Customers it added are removed and the fields it changed get their old values back.</source>
        <translation>撤销上次导入（{what}）？由它新增的客户将被删除，被它修改的字段将恢复原值。</translation>
    </message>
    <message>
        <source>Import undone: {removed}, {restored}.</source>
        <translation>已撤销导入：{removed}，{restored}。</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) removed</source>
        <translation>
            <numerusform>删除%n个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) restored</source>
        <translation>
            <numerusform>恢复%n个字段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) edited since then were left as they are.</source>
        <translation>
            <numerusform>此后编辑过的%n个字段保持不变。</numerusform>
        </translation>
    </message>
    <message>
        <source>Undoing import</source>
        <translation>正在撤销导入</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Mailing list (customers who agreed to marketing)</source>
        <translation>营销邮寄名单（同意接收营销信息的客户）</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>What to export:</source>
        <translation>导出内容：</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV 表格，可用 Excel 打开 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>vCard address book (*.vcf)</source>
        <translation>vCard 通讯录 (*.vcf)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {path}.</source>
        <translation>
            <numerusform>已导出%n行到{path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Readable text (*.txt)</source>
        <translation>可阅读的文本 (*.txt)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export this person&apos;s data</source>
        <translation>导出此人的数据</translation>
    </message>
    <message>
        <source>Saved everything stored about this customer to {path}.</source>
        <translation>已将该客户的全部存储数据保存到{path}。</translation>
    </message>
</context>
<context>
    <name>FollowupsFeature</name>
    <message>
        <source>Only {name}&apos;s</source>
        <translation>只看{name}的</translation>
    </message>
</context>
<context>
    <name>FollowupsPanel</name>
    <message>
        <source>Only mine</source>
        <translation>只看我的</translation>
    </message>
    <message>
        <source>Next steps on customers you own and next steps you logged</source>
        <translation>你负责的客户的下一步，以及你记录的下一步</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Last time</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Done…</source>
        <translation>完成…</translation>
    </message>
    <message>
        <source>Snooze 1 day</source>
        <translation>暂缓1天</translation>
    </message>
    <message>
        <source>Snooze 1 week</source>
        <translation>暂缓1周</translation>
    </message>
    <message>
        <source>Pick a date…</source>
        <translation>选择日期…</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Export to calendar (.ics)…</source>
        <translation>导出到日历（.ics）…</translation>
    </message>
    <message numerus="yes">
        <source>Nothing of yours to follow up; the team has %n: clear “Only mine” to see them.</source>
        <translation>
            <numerusform>你没有需要跟进的事项；团队共有%n项：取消勾选“只看我的”即可查看。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to follow up. Well done.</source>
        <translation>没有待跟进事项，干得好！</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) listed</source>
        <translation>
            <numerusform>列出%n项跟进</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due now</source>
        <translation>
            <numerusform>%n项现已到期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of yours due now</source>
        <translation>
            <numerusform>其中你的%n项现已到期</numerusform>
        </translation>
    </message>
    <message>
        <source>{listed}; {due}.</source>
        <translation>{listed}；{due}。</translation>
    </message>
    <message>
        <source>Send greetings…</source>
        <translation>发送问候…</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Hand over customers</source>
        <translation>移交客户</translation>
    </message>
    <message>
        <source>Their open follow-ups go to the new owner</source>
        <translation>其未完成的跟进一并交给新负责人</translation>
    </message>
    <message>
        <source>Their open complaints go to the new owner</source>
        <translation>其未结的投诉一并交给新负责人</translation>
    </message>
    <message>
        <source>Follow-ups and complaints someone else owns stay theirs.</source>
        <translation>由其他同事负责的跟进和投诉保持不变。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>移交人</translation>
    </message>
    <message>
        <source>To</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Nobody owns a customer in this book yet.</source>
        <translation>此客户簿中还没有任何人负责客户。</translation>
    </message>
    <message numerus="yes">
        <source>{name} has %n customer(s).</source>
        <translation>
            <numerusform>{name}负责%n位客户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open follow-up(s)</source>
        <translation>
            <numerusform>%n条未完成的跟进</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open complaint(s)</source>
        <translation>
            <numerusform>%n件未结的投诉</numerusform>
        </translation>
    </message>
    <message>
        <source>With them: {items}.</source>
        <translation>随之移交：{items}。</translation>
    </message>
    <message>
        <source>Choose or type who takes them over.</source>
        <translation>请选择或输入接收人。</translation>
    </message>
    <message>
        <source>Choose someone else to take them over.</source>
        <translation>请选择另一位接收人。</translation>
    </message>
</context>
<context>
    <name>HubFeature</name>
    <message>
        <source>Connect to team &amp;hub…</source>
        <translation>连接团队同步中心(&amp;H)…</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message numerus="yes">
        <source>Offline, %n change(s) waiting</source>
        <translation>
            <numerusform>离线，%n项改动待同步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced · %1 · %n change(s) waiting</source>
        <translation>
            <numerusform>已同步 · %1 · %n项改动待同步</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced · %1</source>
        <translation>已同步 · %1</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n分钟前</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced with the team hub: %1 sent, %2 received, %3 conflicts to review.</source>
        <translation>已与团队同步中心同步：发送%1项，收到%2项，%3处冲突待查看。</translation>
    </message>
    <message>
        <source>Syncing with the team hub…</source>
        <translation>正在与团队同步中心同步…</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import customers</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Column layout:</source>
        <translation>列格式：</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>首个值</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Check rows</source>
        <translation>检查各行</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Rows matching an existing customer (same id, phone or e-mail):</source>
        <translation>与现有客户匹配的行（编号、电话或邮箱相同）：</translation>
    </message>
    <message>
        <source>skip them</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>update the customer</source>
        <translation>更新该客户</translation>
    </message>
    <message>
        <source>create another customer</source>
        <translation>另建一个客户</translation>
    </message>
    <message>
        <source>Customer files (*.csv *.txt *.tsv *.xlsx *.vcf)</source>
        <translation>客户文件 (*.csv *.txt *.tsv *.xlsx *.vcf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>{rows}, {columns}; encoding: {encoding}.</source>
        <translation>{rows}，{columns}；编码：{encoding}。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n列</numerusform>
        </translation>
    </message>
    <message>
        <source>{new}, {matched}, {rejected}.</source>
        <translation>{new}，{matched}，{rejected}。</translation>
    </message>
    <message numerus="yes">
        <source>%n new customer(s)</source>
        <translation>
            <numerusform>%n个新客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) an existing customer</source>
        <translation>
            <numerusform>%n个与现有客户匹配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) cannot be imported</source>
        <translation>
            <numerusform>%n行无法导入</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: {added} added, {updated} updated, {skipped} skipped, {rejected}. File ▸ Undo last import takes it back.</source>
        <translation>完成：新增{added}，更新{updated}，跳过{skipped}，{rejected}。可用“文件 ▸ 撤销上次导入”撤回。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) not imported</source>
        <translation>
            <numerusform>%n行未导入</numerusform>
        </translation>
    </message>
    <message>
        <source>The file is not UTF-8 and its encoding could not be told for sure: it is shown as {encoding}. If the names below look wrong, choose another encoding ({candidates}).</source>
        <translation>该文件不是 UTF-8 编码，且无法确定其编码：现按{encoding}显示。如果下面的姓名显示不对，请换用其他编码（{candidates}）。</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <source>Press “Check rows” to validate every row before importing.</source>
        <translation>导入前请按“检查各行”校验每一行。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Imported, but: {problem}</source>
        <translation>已导入，但：{problem}</translation>
    </message>
    <message>
        <source>Importing customers</source>
        <translation>正在导入客户</translation>
    </message>
    <message>
        <source>Importing… Cancel undoes everything.</source>
        <translation>正在导入…取消将撤销全部更改。</translation>
    </message>
    <message>
        <source>Contacts added: {count}</source>
        <translation>新增联系人：{count}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was changed.</source>
        <translation>导入已取消，未做任何更改。</translation>
    </message>
    <message>
        <source>The import failed and nothing was changed: {reason}</source>
        <translation>导入失败，未做任何更改：{reason}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>LinesEditor</name>
    <message>
        <source>Type a code or name</source>
        <translation>输入编码或名称</translation>
    </message>
    <message>
        <source>Add &amp;product</source>
        <translation>添加产品(&amp;P)</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除此行</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount %</source>
        <translation>折扣（%）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>This product is priced in {currency}; the deal is in {deal}.</source>
        <translation>该产品以{currency}计价，而此商机的币种是{deal}。</translation>
    </message>
    <message>
        <source>Catalogue price.</source>
        <translation>按目录价。</translation>
    </message>
    <message>
        <source>Price from the list “{name}”.</source>
        <translation>按价格表“{name}”计价。</translation>
    </message>
    <message>
        <source>Total: {amount}</source>
        <translation>合计：{amount}</translation>
    </message>
</context>
<context>
    <name>LogContactDialog</name>
    <message>
        <source>Log a contact</source>
        <translation>记录联系</translation>
    </message>
    <message>
        <source>What was said? (Enter saves, Shift+Enter for a new line)</source>
        <translation>谈了什么？（Enter 保存，Shift+Enter 换行）</translation>
    </message>
    <message>
        <source>What happens next, e.g. send the quote</source>
        <translation>下一步做什么，例如发送报价</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>In 3 days</source>
        <translation>3天后</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>下周</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>未询问</translation>
    </message>
    <message>
        <source>{n} of 5</source>
        <translation>{n}/5</translation>
    </message>
    <message>
        <source>Not said</source>
        <translation>未说明</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Spoke to</source>
        <translation>通话对象</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Done with this contact</source>
        <translation>本次已完成</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Satisfied with the resolution?</source>
        <translation>对处理结果满意吗？</translation>
    </message>
    <message>
        <source>Why did they stop buying?</source>
        <translation>他们为什么不再购买？</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue: {step} (due {when})</source>
        <translation>
            <numerusform>逾期%n天：{step}（{when}到期）</numerusform>
        </translation>
    </message>
    <message>
        <source>{step} (due {when})</source>
        <translation>{step}（{when}到期）</translation>
    </message>
</context>
<context>
    <name>LostReasonDialog</name>
    <message>
        <source>Deal lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <source>Why was “{title}” of {name} lost?</source>
        <translation>{name}的“{title}”为什么输单？</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Delete “{name}”</source>
        <translation>删除“{name}”</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>客户卡片</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New customer…</source>
        <translation>新建客户(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Delete customer</source>
        <translation>删除客户(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;New book…</source>
        <translation>新建资料库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open book…</source>
        <translation>打开资料库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Edit customer…</source>
        <translation>编辑客户(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Your &amp;name…</source>
        <translation>您的姓名(&amp;N)…</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Pick a customer first.</source>
        <translation>请先选择一位客户。</translation>
    </message>
    <message>
        <source>No other books yet</source>
        <translation>还没有其他资料库</translation>
    </message>
    <message>
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>Delete customer</source>
        <translation>删除客户</translation>
    </message>
    <message>
        <source>Deleted “{name}”. Undo with Ctrl+Z.</source>
        <translation>已删除“{name}”。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>正在关闭</translation>
    </message>
</context>
<context>
    <name>ManageViewsDialog</name>
    <message>
        <source>Saved views</source>
        <translation>已存视图</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>{name} (…)</source>
        <translation>{name}（…）</translation>
    </message>
    <message>
        <source>{name} ({count})</source>
        <translation>{name}（{count}）</translation>
    </message>
    <message>
        <source>Rename the view</source>
        <translation>重命名视图</translation>
    </message>
</context>
<context>
    <name>MergePreviewDialog</name>
    <message>
        <source>Merge a teammate&apos;s backup</source>
        <translation>合并同事的备份</translation>
    </message>
    <message>
        <source>a teammate</source>
        <translation>一位同事</translation>
    </message>
    <message>
        <source>Backup made {when} by {name}.</source>
        <translation>此备份由{name}于{when}创建。</translation>
    </message>
    <message>
        <source>From {name}, take only changes to customers {name} owns here (remembered for {name})</source>
        <translation>只接受{name}对其本人负责的客户的修改（对{name}记住此设置）</translation>
    </message>
    <message>
        <source>So that a teammate cannot overwrite your records: their new customers and their own customers still arrive.</source>
        <translation>这样同事就不能覆盖你的记录：他们新建的客户和他们自己负责的客户仍会合并进来。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to customers {name} does not own are left out.</source>
        <translation>
            <numerusform>有%n处对非{name}负责客户的修改未合并。</numerusform>
        </translation>
    </message>
    <message>
        <source>It holds only {whose}&apos;s customers: merging adds and updates those; your other customers stay as they are.</source>
        <translation>其中只有{whose}的客户：合并会添加并更新这些客户；你的其他客户保持不变。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) were dated after this backup was made (the sender&apos;s clock was probably wrong); they count as made when the backup was made: {people}.</source>
        <translation>
            <numerusform>有%n处更改的日期晚于此备份的创建时间（发送方的时钟可能有误），按备份创建时间计：{people}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The backup also held %n thing(s) this app does not use (triggers, views, tables, indexes or columns); they were ignored: {names}.</source>
        <translation>
            <numerusform>此备份还包含%n项本程序不使用的内容（触发器、视图、表、索引或列），已忽略：{names}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Brought back</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>2 versions</source>
        <translation>两个版本</translation>
    </message>
    <message>
        <source>2 versions (the other value is kept for review): {n}</source>
        <translation>两个版本（另一值已保留待核对）：{n}</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留值</translation>
    </message>
    <message>
        <source>Other version</source>
        <translation>另一版本</translation>
    </message>
    <message>
        <source>{name}: made theirs by both {keeps} and {loses}; {keeps} keeps them (the later claim).</source>
        <translation>{name}：{keeps}和{loses}都认领了；归{keeps}（认领较晚）。</translation>
    </message>
    <message>
        <source>Possible duplicate customers (not merged): {n}</source>
        <translation>可能重复的客户（未合并）：{n}</translation>
    </message>
    <message>
        <source>From the backup</source>
        <translation>来自备份</translation>
    </message>
    <message>
        <source>Already here</source>
        <translation>本机已有</translation>
    </message>
    <message>
        <source>Same</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>{name} ({owner}&apos;s)</source>
        <translation>{name}（{owner}负责）</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>Edit order</source>
        <translation>编辑订单</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新建订单</translation>
    </message>
    <message>
        <source>e.g. 1280.50</source>
        <translation>例如1280.50</translation>
    </message>
    <message>
        <source>What was bought</source>
        <translation>购买了什么</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
</context>
<context>
    <name>OrdersImportDialog</name>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Columns: customer (external id, phone, e-mail or name), date, amount, currency, description.</source>
        <translation>列：客户（外部编号、电话、邮箱或姓名）、日期、金额、币种、描述。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Create customers that are not found</source>
        <translation>找不到的客户自动新建</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>匹配依据</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt *.xlsx)</source>
        <translation>表格 (*.csv *.tsv *.txt *.xlsx)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading {path}…</source>
        <translation>正在读取{path}…</translation>
    </message>
    <message>
        <source>{rows} read: {ok}, {new}, {bad}.</source>
        <translation>已读取{rows}：{ok}，{new}，{bad}。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) ready</source>
        <translation>
            <numerusform>%n笔订单可导入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new customer(s)</source>
        <translation>
            <numerusform>%n个新客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems</source>
        <translation>
            <numerusform>%n行有问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n order(s)…</source>
        <translation>
            <numerusform>正在导入%n笔订单…</numerusform>
        </translation>
    </message>
    <message>
        <source>External id</source>
        <translation>外部编号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Row {row}: {problem}</source>
        <translation>第{row}行：{problem}</translation>
    </message>
    <message>
        <source>Nothing will be imported until every row is correct: fix the file and choose it again.</source>
        <translation>所有行都正确后才会导入：请修正文件后重新选择。</translation>
    </message>
    <message>
        <source>Importing orders</source>
        <translation>正在导入订单</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Team passphrase</source>
        <translation>团队口令</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <source>Tell teammates the passphrase in person or by phone, never in the same e-mail.</source>
        <translation>请当面或通过电话把口令告诉同事，切勿与备份放在同一封邮件中。</translation>
    </message>
    <message>
        <source>Remember on this computer (system keyring)</source>
        <translation>在本机记住（系统钥匙串）</translation>
    </message>
    <message>
        <source>very weak</source>
        <translation>很弱</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>太短</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>强</translation>
    </message>
</context>
<context>
    <name>PickDateDialog</name>
    <message>
        <source>Reschedule</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>New due date:</source>
        <translation>新的截止日期：</translation>
    </message>
</context>
<context>
    <name>PoolDialog</name>
    <message>
        <source>Shared pool</source>
        <translation>公海池</translation>
    </message>
    <message>
        <source>Customers nobody owns, and customers nobody has contacted for a while. Claim the ones you will look after: they become yours, and teammates see it after the next merge.</source>
        <translation>无人负责的客户，以及很久没人联系的客户。认领你要跟进的客户：他们就归你负责，同事在下次合并后会看到。</translation>
    </message>
    <message>
        <source>never (only customers nobody owns)</source>
        <translation>从不（只含无人负责的客户）</translation>
    </message>
    <message>
        <source> days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>A team setting: it travels with backups, so the whole team uses one rule.</source>
        <translation>团队设置：随备份同步，全团队使用同一规则。</translation>
    </message>
    <message>
        <source>Owned customers are back in the pool after</source>
        <translation>有负责人的客户在</translation>
    </message>
    <message>
        <source>without any contact.</source>
        <translation>内无人联系即回到公海池。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <source>Claim for me</source>
        <translation>认领给我</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) in the pool.</source>
        <translation>
            <numerusform>公海池中有%n位客户。</numerusform>
        </translation>
    </message>
    <message>
        <source>The pool is empty.</source>
        <translation>公海池是空的。</translation>
    </message>
</context>
<context>
    <name>PoolFeature</name>
    <message>
        <source>Shared &amp;pool…</source>
        <translation>公海池(&amp;P)…</translation>
    </message>
    <message>
        <source>Shared pool</source>
        <translation>公海池</translation>
    </message>
    <message>
        <source>Claim “{name}”</source>
        <translation>认领“{name}”</translation>
    </message>
    <message numerus="yes">
        <source>Claim %n customer(s)</source>
        <translation>
            <numerusform>认领%n位客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) are yours now.</source>
        <translation>
            <numerusform>%n位客户现在归你负责。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PriceListDialog</name>
    <message>
        <source>New price list</source>
        <translation>新建价格表</translation>
    </message>
    <message>
        <source>Price list {name}</source>
        <translation>价格表：{name}</translation>
    </message>
    <message>
        <source>Add the selected customer</source>
        <translation>添加选中的客户</translation>
    </message>
    <message>
        <source>Add {name}</source>
        <translation>添加{name}</translation>
    </message>
    <message>
        <source>Remove customer</source>
        <translation>移除客户</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Catalogue price</source>
        <translation>目录价</translation>
    </message>
    <message>
        <source>Price on this list</source>
        <translation>本表价格</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Applies to</source>
        <translation>适用于(&amp;A)</translation>
    </message>
    <message>
        <source>And to these customers</source>
        <translation>以及这些客户</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>New product</source>
        <translation>新建产品</translation>
    </message>
    <message>
        <source>Product {code}</source>
        <translation>产品{code}</translation>
    </message>
    <message>
        <source>e.g. piece, box, kg</source>
        <translation>例如：件、箱、千克</translation>
    </message>
    <message>
        <source>e.g. 1,280.00</source>
        <translation>例如：1280.00</translation>
    </message>
    <message>
        <source>e.g. 13</source>
        <translation>例如：13</translation>
    </message>
    <message>
        <source>Still sold (offered on new deals)</source>
        <translation>仍在销售（可加入新商机）</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>编码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Price</source>
        <translation>单价(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tax rate (%)</source>
        <translation>税率（%）(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ProductsDialog</name>
    <message>
        <source>Products and price lists</source>
        <translation>产品与价格表</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Add product…</source>
        <translation>添加产品(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Catalogue</source>
        <translation>产品目录(&amp;C)</translation>
    </message>
    <message>
        <source>Price list</source>
        <translation>价格表</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>&amp;New price list…</source>
        <translation>新建价格表(&amp;N)…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>编辑(&amp;I)…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <source>A customer pays the price on a list naming them, else on their segment&apos;s list, else the catalogue price.</source>
        <translation>客户的价格：先看列有该客户的价格表，其次看其客户分群的价格表，都没有时按目录价。</translation>
    </message>
    <message>
        <source>&amp;Price lists</source>
        <translation>价格表(&amp;P)</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n个产品</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Activate</source>
        <translation>启用(&amp;A)</translation>
    </message>
    <message>
        <source>Delete price list</source>
        <translation>删除价格表</translation>
    </message>
    <message>
        <source>Delete the price list “{name}”? Its customers pay their segment&apos;s or the catalogue price again.</source>
        <translation>删除价格表“{name}”？其客户将恢复按分群价格表或目录价计价。</translation>
    </message>
</context>
<context>
    <name>ProductsImportDialog</name>
    <message>
        <source>Import products</source>
        <translation>导入产品</translation>
    </message>
    <message>
        <source>Columns: code (编码), name (名称/品名), unit (单位), price (单价/价格), tax rate (税率). A product whose code is already in the catalogue is updated.</source>
        <translation>列：编码、名称/品名、单位、单价/价格、税率。编码已在产品目录中的产品将被更新。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt *.xlsx)</source>
        <translation>表格 (*.csv *.tsv *.txt *.xlsx)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading {path}…</source>
        <translation>正在读取{path}…</translation>
    </message>
    <message>
        <source>{rows} read: {new}, {updated}, {bad}.</source>
        <translation>已读取{rows}：{new}，{updated}，{bad}。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new product(s)</source>
        <translation>
            <numerusform>%n个新产品</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to update</source>
        <translation>
            <numerusform>%n个待更新</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems (left out)</source>
        <translation>
            <numerusform>%n行有问题（不导入）</numerusform>
        </translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Row {row}: {problem}</source>
        <translation>第{row}行：{problem}</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n product(s)…</source>
        <translation>
            <numerusform>正在导入%n个产品…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QuoteDialog</name>
    <message>
        <source>Quote “{title}” for {name}</source>
        <translation>为{name}的“{title}”报价</translation>
    </message>
    <message>
        <source>Chinese (报价单)</source>
        <translation>中文（报价单）</translation>
    </message>
    <message>
        <source>English (Quotation)</source>
        <translation>英文（Quotation）</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>保存 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Save E&amp;xcel…</source>
        <translation>保存 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Send by &amp;e-mail…</source>
        <translation>用邮件发送(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Accept → order</source>
        <translation>客户接受 → 生成订单(&amp;A)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Files, e-mail and the order are made from the selected version.</source>
        <translation>文件、邮件和订单都按选中的版本生成。</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>&amp;Save as v{version}</source>
        <translation>保存为 v{version}(&amp;S)</translation>
    </message>
    <message>
        <source>Quote saved.</source>
        <translation>报价单已保存。</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存{path}。</translation>
    </message>
    <message>
        <source>Save Excel</source>
        <translation>保存 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The quote is saved as {path}; attach it to the message (a mail link cannot attach files). The e-mail is logged on the customer.</source>
        <translation>报价单已保存为{path}，请把它添加为邮件附件（邮件链接无法自动附加文件）。这封邮件已记入客户的联系记录。</translation>
    </message>
    <message>
        <source>Accept quote {version} of “{title}”</source>
        <translation>接受“{title}”的报价单{version}</translation>
    </message>
    <message>
        <source>Order of {amount} made from {version}; the deal is won.</source>
        <translation>已按{version}生成{amount}的订单，商机已赢单。</translation>
    </message>
</context>
<context>
    <name>QuoteLinesEditor</name>
    <message>
        <source>Tax %</source>
        <translation>税率（%）</translation>
    </message>
    <message>
        <source>Net {net} · tax {tax} · total {gross}</source>
        <translation>不含税{net} · 税额{tax} · 含税合计{gross}</translation>
    </message>
</context>
<context>
    <name>SavedViews</name>
    <message>
        <source>Name of the view:</source>
        <translation>视图名称：</translation>
    </message>
    <message>
        <source>Saved &amp;views</source>
        <translation>已存视图(&amp;V)</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Open, save, rename or delete saved views of this list</source>
        <translation>打开、保存、重命名或删除此列表的已存视图</translation>
    </message>
    <message>
        <source>&amp;Save current view…</source>
        <translation>保存当前视图(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Rename or delete views…</source>
        <translation>重命名或删除视图(&amp;R)…</translation>
    </message>
    <message>
        <source>{name} (…)</source>
        <translation>{name}（…）</translation>
    </message>
    <message>
        <source>{name} ({count})</source>
        <translation>{name}（{count}）</translation>
    </message>
    <message>
        <source>Showing the view “{name}”.</source>
        <translation>正在显示视图“{name}”。</translation>
    </message>
    <message>
        <source>Save current view</source>
        <translation>保存当前视图</translation>
    </message>
    <message>
        <source>Saved the view “{name}”.</source>
        <translation>已保存视图“{name}”。</translation>
    </message>
    <message>
        <source>There is already a view called “{name}”.</source>
        <translation>已有名为“{name}”的视图。</translation>
    </message>
</context>
<context>
    <name>SessionBar</name>
    <message>
        <source>Back to today&apos;s calls</source>
        <translation>返回今日致电</translation>
    </message>
    <message>
        <source>End this session and show today&apos;s list again</source>
        <translation>结束本轮致电，重新显示今日名单</translation>
    </message>
    <message>
        <source>Calling: {title}…</source>
        <translation>正在致电：{title}…</translation>
    </message>
    <message>
        <source>Calling: {title} · {done} of {total} done</source>
        <translation>正在致电：{title} · 已完成{done}/{total}</translation>
    </message>
    <message>
        <source>only the first {n} of {total}</source>
        <translation>仅含前{n}个（共{total}个）</translation>
    </message>
    <message numerus="yes">
        <source>%n left out: do not contact</source>
        <translation>
            <numerusform>%n个未列入：勿扰</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out: snoozed</source>
        <translation>
            <numerusform>%n个未列入：已推迟</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StageColumn</name>
    <message>
        <source>{stage} · {count}</source>
        <translation>{stage} · {count}</translation>
    </message>
    <message>
        <source>won {p} %</source>
        <translation>赢率{p}%</translation>
    </message>
</context>
<context>
    <name>StagesDialog</name>
    <message>
        <source>Deal stages</source>
        <translation>商机阶段</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Usually moves on within (days)</source>
        <translation>通常推进天数</translation>
    </message>
    <message>
        <source>Chance of winning (%)</source>
        <translation>赢单概率（%）</translation>
    </message>
    <message>
        <source>&amp;Add stage</source>
        <translation>添加阶段(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>Learn from the team&apos;s history after (closed deals)</source>
        <translation>积累多少个已结束的商机后按团队历史计算</translation>
    </message>
    <message>
        <source>Won and Lost end every deal and stay last. A deal goes quiet on the call list when nobody contacted its customer for longer than its stage usually takes. Both the usual time and the chance of winning are learned from the team&apos;s closed deals once enough went through a stage; until then the numbers here count.</source>
        <translation>赢单和输单是每个商机的终点，始终排在最后。某商机的客户超过该阶段通常所需的时间仍无人联系时，它会作为“商机停滞”出现在今日通话中。通常时长和赢单概率在足够多已结商机经过某阶段后由团队的历史学得；在此之前以这里的数字为准。</translation>
    </message>
    <message>
        <source>New stage</source>
        <translation>新阶段</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome to CRM Desktop&lt;/h3&gt;Your customers are kept in a &lt;b&gt;book&lt;/b&gt;: one file on this computer. Where do you want to start?</source>
        <translation>&lt;h3&gt;欢迎使用 CRM Desktop&lt;/h3&gt;您的客户保存在一个&lt;b&gt;资料库&lt;/b&gt;里：就是这台电脑上的一个文件。您想从哪里开始？</translation>
    </message>
    <message>
        <source>Try the &amp;demo book</source>
        <translation>试用演示资料库(&amp;D)</translation>
    </message>
    <message>
        <source>{n} sample customers with contacts, orders and complaints, to look around safely.</source>
        <translation>{n}位示例客户，含联系人、订单和投诉，可以放心地四处看看。</translation>
    </message>
    <message>
        <source>Start an &amp;empty book</source>
        <translation>新建空白资料库(&amp;E)</translation>
    </message>
    <message>
        <source>For your own customers.</source>
        <translation>用于录入您自己的客户。</translation>
    </message>
    <message>
        <source>&amp;Open a book file…</source>
        <translation>打开资料库文件(&amp;O)…</translation>
    </message>
    <message>
        <source>A book you or a teammate made before.</source>
        <translation>您或同事以前建立的资料库。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>TargetStrip</name>
    <message>
        <source>Call them</source>
        <translation>开始致电</translation>
    </message>
    <message>
        <source>Set targets…</source>
        <translation>设定目标…</translation>
    </message>
    <message>
        <source>Reading this month&apos;s figures…</source>
        <translation>正在读取本月数据…</translation>
    </message>
    <message>
        <source>Likely to reorder in {month}</source>
        <translation>{month}可能复购的客户</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Sales targets</source>
        <translation>业绩目标</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Target (0: none)</source>
        <translation>目标（0表示不设）</translation>
    </message>
    <message>
        <source>The whole team</source>
        <translation>整个团队</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>The forecast adds to what is achieved the open deals expected to close this month, weighted by their stage&apos;s chance of winning, and the repeat orders the scores expect from existing customers.</source>
        <translation>预测＝已完成＋预计本月成交的进行中商机（按所处阶段的赢单概率加权）＋评分模型预计现有客户的复购。</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Log contact…</source>
        <translation>记录联系…</translation>
    </message>
    <message>
        <source>New order…</source>
        <translation>新建订单…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Pick a customer to see their timeline.</source>
        <translation>选择一个客户以查看其时间线。</translation>
    </message>
    <message>
        <source>Nothing yet. Log a contact with Ctrl+L.</source>
        <translation>暂无记录。按 Ctrl+L 记录联系。</translation>
    </message>
    <message>
        <source> (scroll for more)</source>
        <translation>（滚动查看更多）</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <source>{action}: complaint {number} of {name}</source>
        <translation>{action}：{name}的投诉{number}</translation>
    </message>
    <message>
        <source>What was said or done (kept in the history)</source>
        <translation>沟通或处理的内容（记入历史）</translation>
    </message>
    <message>
        <source>What was done for the customer</source>
        <translation>为客户做了什么</translation>
    </message>
    <message>
        <source>Not asked yet</source>
        <translation>尚未询问</translation>
    </message>
    <message>
        <source>How satisfied the customer said they are with the resolution, if they said so already</source>
        <translation>客户对处理结果的满意程度（如果客户已经表态）</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Customer&apos;s satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>With the customer&apos;s score the complaint is closed at once; no satisfaction call is needed.</source>
        <translation>有了客户的评分，投诉将立即关闭，无需再做满意度回访。</translation>
    </message>
    <message numerus="yes">
        <source>A call to ask whether the customer is satisfied will be scheduled in %n day(s).</source>
        <translation>
            <numerusform>将在%n天后安排满意度回访电话。</numerusform>
        </translation>
    </message>
    <message>
        <source>Without a score the complaint is closed; a satisfaction call already planned stays on the follow-ups.</source>
        <translation>不评分也可关闭投诉；已安排的满意度回访仍保留在待跟进中。</translation>
    </message>
    <message>
        <source>The resolve deadline restarts from the reopening time.</source>
        <translation>解决期限将从重新打开时起重新计算。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>WinBackModel</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Spent so far</source>
        <translation>累计消费</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>最后下单</translation>
    </message>
    <message>
        <source>P(active)</source>
        <translation>活跃概率</translation>
    </message>
    <message>
        <source>Why they stopped</source>
        <translation>流失原因</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无负责人）</translation>
    </message>
    <message>
        <source>Ranked by spent so far × P(active): {spent} × {p}</source>
        <translation>排序依据：累计消费 × 活跃概率：{spent} × {p}</translation>
    </message>
</context>
<context>
    <name>WinBackPage</name>
    <message>
        <source>Customers who spent a lot and stopped buying (lost or dormant; MVC, MGC or the top three deciles by money spent so far), ranked by spent so far × P(active): big spenders with a chance of coming back first. Enter opens the card; Ctrl+L logs a call.</source>
        <translation>曾经大量消费、后来不再购买的客户（已流失或沉睡；MVC、MGC，或按累计消费排在前三组），按累计消费 × 活跃概率排序：消费多、仍有希望回来的客户在前。按 Enter 打开客户卡片；按 Ctrl+L 记录通话。</translation>
    </message>
    <message>
        <source>Set churn reason…</source>
        <translation>设置流失原因…</translation>
    </message>
    <message>
        <source>Log contact…</source>
        <translation>记录联系…</translation>
    </message>
    <message>
        <source>Open the card</source>
        <translation>打开客户卡片</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) to win back, who spent {total} so far.</source>
        <translation>
            <numerusform>待挽回客户%n位，累计消费{total}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody to win back.</source>
        <translation>没有需要挽回的客户。</translation>
    </message>
</context>
<context>
    <name>_ActionBar</name>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
</context>
<context>
    <name>_Previewing</name>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
</context>
<context>
    <name>calllist</name>
    <message>
        <source>follow-up due today: {step}</source>
        <translation>今天需跟进：{step}</translation>
    </message>
    <message>
        <source>follow-up due today</source>
        <translation>今天需跟进</translation>
    </message>
    <message>
        <source>follow-up due yesterday: {step}</source>
        <translation>昨天应跟进：{step}</translation>
    </message>
    <message>
        <source>follow-up due yesterday</source>
        <translation>昨天应跟进</translation>
    </message>
    <message>
        <source>follow-up due {days} days ago: {step}</source>
        <translation>跟进已逾期{days}天：{step}</translation>
    </message>
    <message>
        <source>follow-up due {days} days ago</source>
        <translation>跟进已逾期{days}天</translation>
    </message>
    <message>
        <source>complaint #{ref} unanswered for {hours} h</source>
        <translation>投诉#{ref}已{hours}小时未答复</translation>
    </message>
    <message>
        <source>complaint #{ref} unresolved for {hours} h</source>
        <translation>投诉#{ref}已{hours}小时未解决</translation>
    </message>
    <message>
        <source>usually orders every {gap}; nothing for {since} (P(active) {p} %)</source>
        <translation>通常每{gap}下单一次；已{since}无订单（活跃概率{p}%）</translation>
    </message>
    <message>
        <source>complaint #{ref} unanswered for {open} (deadline {deadline})</source>
        <translation>投诉#{ref}已{open}未答复（时限{deadline}）</translation>
    </message>
    <message>
        <source>complaint #{ref} unresolved for {open} (deadline {deadline})</source>
        <translation>投诉#{ref}已{open}未解决（时限{deadline}）</translation>
    </message>
    <message>
        <source>complaint #{ref} unanswered for {open}</source>
        <translation>投诉#{ref}已{open}未答复</translation>
    </message>
    <message>
        <source>complaint #{ref} unresolved for {open}</source>
        <translation>投诉#{ref}已{open}未解决</translation>
    </message>
    <message>
        <source>one order so far, {since} ago; customers usually reorder within {gap}</source>
        <translation>目前仅一笔订单，已过{since}；客户通常在{gap}内复购</translation>
    </message>
    <message>
        <source>top {pct} % by expected {months}-month value ({value})</source>
        <translation>预计{months}个月价值位列前{pct}%（{value}）</translation>
    </message>
    <message>
        <source>room to grow: expected {value} in {months} months, {spent} so far</source>
        <translation>有增长空间：预计{months}个月内{value}，目前{spent}</translation>
    </message>
    <message>
        <source>{segment} · {stage} · spent {spent} so far: win back</source>
        <translation>{segment} · {stage} · 曾消费{spent}：挽回</translation>
    </message>
    <message>
        <source>{stage} · spent {spent} so far: win back</source>
        <translation>{stage} · 曾消费{spent}：挽回</translation>
    </message>
    <message>
        <source>birthday today</source>
        <translation>今天生日</translation>
    </message>
    <message>
        <source>birthday tomorrow</source>
        <translation>明天生日</translation>
    </message>
    <message>
        <source>birthday in {days} days</source>
        <translation>{days}天后生日</translation>
    </message>
    <message>
        <source>{name}&apos;s birthday today</source>
        <translation>{name}今天生日</translation>
    </message>
    <message>
        <source>{name}&apos;s birthday tomorrow</source>
        <translation>{name}明天生日</translation>
    </message>
    <message>
        <source>{name}&apos;s birthday in {days} days</source>
        <translation>{days}天后是{name}的生日</translation>
    </message>
    <message>
        <source>anniversary today ({years} years)</source>
        <translation>今天是纪念日（{years}周年）</translation>
    </message>
    <message>
        <source>anniversary in {days} days ({years} years)</source>
        <translation>{days}天后是纪念日（{years}周年）</translation>
    </message>
    <message>
        <source>anniversary today</source>
        <translation>今天是纪念日</translation>
    </message>
    <message>
        <source>anniversary in {days} days</source>
        <translation>{days}天后是纪念日</translation>
    </message>
    <message>
        <source>In “{title}”</source>
        <translation>在“{title}”中</translation>
    </message>
    <message>
        <source>expected {value} in {months} months (P(active) {p} %)</source>
        <translation>预计{months}个月内{value}（活跃概率{p}%）</translation>
    </message>
    <message>
        <source>no orders yet</source>
        <translation>尚无订单</translation>
    </message>
    <message>
        <source>in {stage} for {days} days; deals usually move on within {usual} days</source>
        <translation>{stage}已{days}天，此阶段通常{usual}天内推进</translation>
    </message>
    <message>
        <source>Deal “{title}”: the usual time is the median of the team&apos;s {n} closed deals that went through this stage.</source>
        <translation>商机“{title}”：通常天数取团队{n}个经过此阶段的已结束商机的中位数。</translation>
    </message>
    <message>
        <source>Deal “{title}”: the usual time is the team&apos;s setting for this stage (fewer than {n} closed deals went through it so far).</source>
        <translation>商机“{title}”：通常天数取团队对此阶段的设置（经过此阶段的已结束商机还不到{n}个）。</translation>
    </message>
    <message>
        <source>stage “{stage}”, but {lifecycle} by what they buy: ask what changed</source>
        <translation>关系阶段为“{stage}”，但购买情况显示“{lifecycle}”：问问发生了什么变化</translation>
    </message>
    <message>
        <source>On today&apos;s list at #{rank} (the list shows the top {top_n}).</source>
        <translation>在今天的名单中排第{rank}位（名单显示前{top_n}位）。</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>该客户已不存在。</translation>
    </message>
    <message>
        <source>Marked do-not-contact: never on the call list.</source>
        <translation>已标记为请勿联系：不会出现在今日致电中。</translation>
    </message>
    <message>
        <source>Snoozed until {until}.</source>
        <translation>已暂缓至{until}。</translation>
    </message>
    <message>
        <source>Contacted {days} days ago; resting for {rest} days after a contact.</source>
        <translation>{days}天前已联系；联系后间隔{rest}天。</translation>
    </message>
    <message>
        <source>Contacted today; resting for {rest} days after a contact.</source>
        <translation>今天已联系；联系后间隔{rest}天。</translation>
    </message>
    <message>
        <source>Nothing to call about: no follow-up due, no open complaint, not a valuable customer at risk, no birthday soon (stage: {stage}, P(active) {p} %, value decile {decile}).</source>
        <translation>暂无致电理由：没有待跟进事项、未结投诉，不是有流失风险的高价值客户，近期也无生日（阶段：{stage}，活跃概率{p}%，价值十分位{decile}）。</translation>
    </message>
    <message>
        <source>Nothing to call about: no follow-up due, no open complaint, no orders yet, no birthday soon.</source>
        <translation>暂无致电理由：没有待跟进事项、未结投诉，尚无订单，近期也无生日。</translation>
    </message>
    <message>
        <source>Ranks #{rank}; the list shows only the top {top_n}.</source>
        <translation>排第{rank}位；名单只显示前{top_n}位。</translation>
    </message>
    <message>
        <source>{owner}&apos;s customer; the list shows {showing}&apos;s customers (switch to the team&apos;s to see everyone&apos;s).</source>
        <translation>这是{owner}的客户；列表只显示{showing}的客户（切换到“团队的客户”可看到所有人的）。</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n}小时</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n}天</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1天</translation>
    </message>
    <message>
        <source>{n} weeks</source>
        <translation>{n}周</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1周</translation>
    </message>
    <message>
        <source>{n} months</source>
        <translation>{n}个月</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1个月</translation>
    </message>
    <message>
        <source>prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>at risk</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <source>dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>commitment</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>expansion</source>
        <translation>扩大</translation>
    </message>
    <message>
        <source>Nobody to call today.</source>
        <translation>今天没有需要致电的客户。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>{rows} rows read: {ok} orders ready ({matched} for existing customers), {new} new customers, {bad} rows with problems.</source>
        <translation>已读取{rows}行：{ok}笔订单可导入（其中{matched}笔属于现有客户），{new}个新客户，{bad}行有问题。</translation>
    </message>
    <message>
        <source>row {row}: {problem}</source>
        <translation>第{row}行：{problem}</translation>
    </message>
    <message>
        <source>Imported {orders} orders and {customers} new customers (undo id {batch}).</source>
        <translation>已导入{orders}笔订单，新增{customers}个客户（撤销编号{batch}）。</translation>
    </message>
    <message>
        <source>{count} follow-ups written to {path}.</source>
        <translation>已将{count}项跟进写入{path}。</translation>
    </message>
    <message>
        <source>“{value}” is not a whole number.</source>
        <translation>“{value}”不是整数。</translation>
    </message>
    <message>
        <source>{value} is too small: give at least {low}.</source>
        <translation>{value}太小：至少为{low}。</translation>
    </message>
    <message>
        <source>{value} is too large: give at most {high}.</source>
        <translation>{value}太大：最多为{high}。</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示本帮助并退出</translation>
    </message>
    <message>
        <source>{prog}: error: {message}</source>
        <translation>{prog}：错误：{message}</translation>
    </message>
    <message>
        <source>{table}: {rows} rows copied</source>
        <translation>{table}：已复制{rows}行</translation>
    </message>
    <message>
        <source>, {rows} left out (garbled, or what they belong to was lost)</source>
        <translation>，略去{rows}行（内容已损坏，或所属记录已丢失）</translation>
    </message>
    <message>
        <source>Damaged parts skipped in: {tables}.</source>
        <translation>以下表中的损坏部分已跳过：{tables}。</translation>
    </message>
    <message>
        <source>What could be read is in {path}; check it, then open it instead of the damaged book.</source>
        <translation>能读出的内容已保存在{path}；请检查后用它代替损坏的客户库。</translation>
    </message>
    <message>
        <source>Offline CRM for small sales teams. Without a command, opens the window.</source>
        <translation>面向小型销售团队的离线客户管理。不带命令时打开窗口。</translation>
    </message>
    <message>
        <source>show the version and exit</source>
        <translation>显示版本并退出</translation>
    </message>
    <message>
        <source>check this installation on a temporary database and exit (0 = all passed)</source>
        <translation>在临时数据库上检查本安装并退出（0表示全部通过）</translation>
    </message>
    <message>
        <source>the book (database file) to use (default: crm.sqlite in the user&apos;s data folder; CRM_DATA_DIR moves that folder)</source>
        <translation>要使用的客户库（数据库文件）（默认：用户数据文件夹中的 crm.sqlite；CRM_DATA_DIR 可改变该文件夹）</translation>
    </message>
    <message>
        <source>UI language (default: the system&apos;s)</source>
        <translation>界面语言（默认：跟随系统）</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>create a demo book in a new file and open it</source>
        <translation>在新文件中创建演示客户库并打开</translation>
    </message>
    <message>
        <source>Create a demo book in a new file and open it. An existing file is never replaced, except the default demo book.</source>
        <translation>在新文件中创建演示客户库并打开。除默认的演示客户库外，绝不替换已有文件。</translation>
    </message>
    <message>
        <source>number of customers (default 2000)</source>
        <translation>客户数量（默认2000）</translation>
    </message>
    <message>
        <source>random seed: the same seed gives the same book</source>
        <translation>随机种子：相同的种子生成相同的客户库</translation>
    </message>
    <message>
        <source>the new file to write (default: demo.sqlite in the data folder)</source>
        <translation>要写入的新文件（默认：数据文件夹中的 demo.sqlite）</translation>
    </message>
    <message>
        <source>language of the demo&apos;s names, notes and texts (default: the UI language)</source>
        <translation>演示数据中姓名、备注和文字的语言（默认：界面语言）</translation>
    </message>
    <message>
        <source>open the existing demo book instead of making a new one</source>
        <translation>打开已有的演示客户库，而不是新建</translation>
    </message>
    <message>
        <source>only create the file</source>
        <translation>只创建文件</translation>
    </message>
    <message>
        <source>check a book and print a summary</source>
        <translation>检查客户库并打印摘要</translation>
    </message>
    <message>
        <source>the book to check</source>
        <translation>要检查的客户库</translation>
    </message>
    <message>
        <source>copy what can still be read from a damaged book into a new one</source>
        <translation>把损坏客户库中仍能读出的内容复制到新客户库</translation>
    </message>
    <message>
        <source>the new book to write</source>
        <translation>要写入的新客户库</translation>
    </message>
    <message>
        <source>the damaged book (it is only read)</source>
        <translation>损坏的客户库（只读取，不修改）</translation>
    </message>
    <message>
        <source>import data from a file</source>
        <translation>从文件导入数据</translation>
    </message>
    <message>
        <source>export data to a file</source>
        <translation>把数据导出到文件</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>write an encrypted backup of the book to OUT</source>
        <translation>把客户库的加密备份写入 OUT</translation>
    </message>
    <message>
        <source>the backup file to write (.crmbak)</source>
        <translation>要写入的备份文件（.crmbak）</translation>
    </message>
    <message>
        <source>the book to back up</source>
        <translation>要备份的客户库</translation>
    </message>
    <message>
        <source>file whose first line is the team passphrase</source>
        <translation>第一行为团队口令的文件</translation>
    </message>
    <message>
        <source>replace the book by a backup (the old one is kept for undo)</source>
        <translation>用备份替换客户库（保留旧客户库以便撤销）</translation>
    </message>
    <message>
        <source>the backup file to restore</source>
        <translation>要恢复的备份文件</translation>
    </message>
    <message>
        <source>the book to replace</source>
        <translation>要替换的客户库</translation>
    </message>
    <message>
        <source>merge a teammate&apos;s backup into the book (shows a preview first)</source>
        <translation>把同事的备份合并到客户库（先显示预览）</translation>
    </message>
    <message>
        <source>the teammate&apos;s backup file</source>
        <translation>同事的备份文件</translation>
    </message>
    <message>
        <source>the book to merge into</source>
        <translation>要合并到的客户库</translation>
    </message>
    <message>
        <source>merge without asking</source>
        <translation>不询问直接合并</translation>
    </message>
    <message>
        <source>erase a customer and everything about them for good, also from the automatic backups (not undoable; to remove someone you may want back, delete them in the window)</source>
        <translation>永久抹除某个客户及其全部数据，自动备份中也一并抹除（无法撤销；如果以后可能还需要此人，请在窗口中删除）</translation>
    </message>
    <message>
        <source>the customer&apos;s id, exact name, phone or e-mail</source>
        <translation>客户的编号、完整姓名、电话或邮箱</translation>
    </message>
    <message>
        <source>the book to erase from</source>
        <translation>要从中抹除的客户库</translation>
    </message>
    <message>
        <source>erase without asking to type the name</source>
        <translation>不要求输入姓名确认，直接抹除</translation>
    </message>
    <message>
        <source>print today&apos;s call list (whom to call, and why)</source>
        <translation>打印今天的待联系名单（联系谁、为什么）</translation>
    </message>
    <message>
        <source>the book to read</source>
        <translation>要读取的客户库</translation>
    </message>
    <message>
        <source>the day to list, YYYY-MM-DD (default today); other days are taken at 09:00 local time</source>
        <translation>要列出的日期，格式 YYYY-MM-DD（默认今天）；其他日期按当地时间09:00计算</translation>
    </message>
    <message>
        <source>number of rows (default: the team setting, 30)</source>
        <translation>行数（默认：团队设置，30）</translation>
    </message>
    <message>
        <source>table for people; csv and json (with E.164 phones) for programs</source>
        <translation>table 供人阅读；csv 和 json（电话为 E.164 格式）供程序使用</translation>
    </message>
    <message>
        <source>fit the value models and print each customer&apos;s scores</source>
        <translation>拟合价值模型并打印每位客户的评分</translation>
    </message>
    <message>
        <source>score as of the end of this day, YYYY-MM-DD (default today, UTC); later orders are ignored</source>
        <translation>按这一天结束时评分，格式 YYYY-MM-DD（默认今天，UTC）；忽略之后的订单</translation>
    </message>
    <message>
        <source>horizon of expected purchases and value in days (default 365)</source>
        <translation>预期购买次数和价值的预测天数（默认365）</translation>
    </message>
    <message>
        <source>output format</source>
        <translation>输出格式</translation>
    </message>
    <message>
        <source>import customers from CSV, .xlsx or vCard (.vcf)</source>
        <translation>从 CSV、.xlsx 或 vCard（.vcf）导入客户</translation>
    </message>
    <message>
        <source>the file to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <source>the book to import into</source>
        <translation>要导入到的客户库</translation>
    </message>
    <message>
        <source>text encoding of a CSV file (default: detected)</source>
        <translation>CSV 文件的文本编码（默认：自动识别）</translation>
    </message>
    <message>
        <source>what to do with rows matching an existing customer (same id, phone or e-mail)</source>
        <translation>与已有客户相符（编号、电话或邮箱相同）的行如何处理</translation>
    </message>
    <message>
        <source>column layout of the file (default: detected)</source>
        <translation>文件的列格式（默认：自动识别）</translation>
    </message>
    <message>
        <source>owner of new customers when the file names none</source>
        <translation>文件未指定负责人时，新客户的负责人</translation>
    </message>
    <message>
        <source>import COLUMN (its title or number) as TARGET, overriding the automatic choice; targets: name, company, phone, email, wechat, address, contact_name, contact_title, contact_phone, contact_phone2, contact_wechat, contact_email, contact_birthday, contact_notes, notes, extra, ignore … (repeatable)</source>
        <translation>把列 COLUMN（标题或序号）按 TARGET 导入，覆盖自动选择；目标：name、company、phone、email、wechat、address、contact_name、contact_title、contact_phone、contact_phone2、contact_wechat、contact_email、contact_birthday、contact_notes、notes、extra、ignore …（可重复）</translation>
    </message>
    <message>
        <source>show the column mapping and what would be imported; write nothing</source>
        <translation>显示列对应关系和将要导入的内容；不写入任何数据</translation>
    </message>
    <message>
        <source>export customers to .csv, .xlsx or vCard (.vcf)</source>
        <translation>把客户导出为 .csv、.xlsx 或 vCard（.vcf）</translation>
    </message>
    <message>
        <source>export orders to .csv or .xlsx</source>
        <translation>把订单导出为 .csv 或 .xlsx</translation>
    </message>
    <message>
        <source>export contacts made (interactions) to .csv or .xlsx</source>
        <translation>把联系记录导出为 .csv 或 .xlsx</translation>
    </message>
    <message>
        <source>export complaints to .csv or .xlsx</source>
        <translation>把投诉导出为 .csv 或 .xlsx</translation>
    </message>
    <message>
        <source>export the mailing list (customers who agreed to marketing and may be contacted) to .csv, .xlsx or vCard (.vcf)</source>
        <translation>导出营销邮寄名单（同意接收营销信息且可以联系的客户）为 .csv、.xlsx 或 vCard（.vcf）</translation>
    </message>
    <message>
        <source>export the product catalogue to .csv or .xlsx (it imports back)</source>
        <translation>将产品目录导出为 .csv 或 .xlsx（可再导入）</translation>
    </message>
    <message>
        <source>export deals (customer, stage, amount, expected close, owner) to .csv or .xlsx</source>
        <translation>将商机（客户、阶段、金额、预计成交日期、负责人）导出为 .csv 或 .xlsx</translation>
    </message>
    <message>
        <source>the file to write; its suffix picks the format</source>
        <translation>要写入的文件；按扩展名决定格式</translation>
    </message>
    <message>
        <source>the book to export from</source>
        <translation>要导出的客户库</translation>
    </message>
    <message>
        <source>vCard version for .vcf</source>
        <translation>.vcf 使用的 vCard 版本</translation>
    </message>
    <message>
        <source>leave out today&apos;s scores (segment, decile, lifecycle, expected value, P(active), RFM), which take a moment to compute on a big book</source>
        <translation>不导出今天的评分（细分、十分位组、生命周期、预计价值、活跃概率、RFM）；大客户库计算评分需要一点时间</translation>
    </message>
    <message>
        <source>import orders from a CSV or .xlsx file (columns: customer reference, date, amount, currency, description)</source>
        <translation>从 CSV 或 .xlsx 文件导入订单（列：客户标识、日期、金额、币种、说明）</translation>
    </message>
    <message>
        <source>the CSV, TSV or .xlsx file</source>
        <translation>CSV、TSV 或 .xlsx 文件</translation>
    </message>
    <message>
        <source>create a customer (named after the reference) for each unknown reference</source>
        <translation>为每个未知的客户标识新建客户（以该标识命名）</translation>
    </message>
    <message>
        <source>the CSV file&apos;s encoding (default: detected)</source>
        <translation>CSV 文件的编码（默认：自动识别）</translation>
    </message>
    <message>
        <source>only show the preview and the problems</source>
        <translation>只显示预览和问题</translation>
    </message>
    <message>
        <source>your name, recorded as the importer and owner of new customers</source>
        <translation>你的姓名，记为导入人和新客户的负责人</translation>
    </message>
    <message>
        <source>export open follow-ups to an iCalendar (.ics) file</source>
        <translation>把未完成的跟进导出为 iCalendar（.ics）文件</translation>
    </message>
    <message>
        <source>the .ics file to write</source>
        <translation>要写入的 .ics 文件</translation>
    </message>
    <message>
        <source>only this salesperson&apos;s follow-ups (default: everyone&apos;s)</source>
        <translation>只导出这位销售的跟进（默认：所有人）</translation>
    </message>
    <message>
        <source>birthdays and anniversaries this many days ahead</source>
        <translation>提前这么多天列出生日和纪念日</translation>
    </message>
    <message>
        <source>{rows} rows read: {new} new products, {updated} to update, {bad} rows with problems.</source>
        <translation>已读取{rows}行：{new}个新产品，{updated}个待更新，{bad}行有问题。</translation>
    </message>
    <message>
        <source>Imported products: {added} added, {updated} updated.</source>
        <translation>产品已导入：新增{added}个，更新{updated}个。</translation>
    </message>
    <message>
        <source>import products from a CSV or .xlsx file (columns: code, name, unit, price, tax rate), updating those whose code is known</source>
        <translation>从 CSV 或 .xlsx 文件导入产品（列：编码、名称、单位、单价、税率），编码已有的产品将被更新</translation>
    </message>
    <message>
        <source>The team hub is ready. Add each salesperson with: crm-desktop hub add-user NAME</source>
        <translation>团队同步中心已就绪。用以下命令添加每位销售：crm-desktop hub add-user 名称</translation>
    </message>
    <message>
        <source>Invitation for {name} (give it to them once; it holds their password):</source>
        <translation>{name}的邀请（只交给本人一次，其中含有密码）：</translation>
    </message>
    <message>
        <source>{name} can no longer connect to the hub ({n} open sessions ended).</source>
        <translation>{name}已无法再连接同步中心（已结束{n}个连接）。</translation>
    </message>
    <message>
        <source>Connected to the team hub {db} on {host} as {role}.</source>
        <translation>已以{role}身份连接到{host}上的团队同步中心{db}。</translation>
    </message>
    <message>
        <source>Synced: {pushed} changes sent, {pulled} received, {conflicts} conflicts to review, {waiting} still waiting.</source>
        <translation>已同步：发送{pushed}项改动，收到{pulled}项，{conflicts}处冲突待查看，{waiting}项仍待同步。</translation>
    </message>
    <message>
        <source>set up and manage a team hub on PostgreSQL (administrators)</source>
        <translation>在 PostgreSQL 上建立和管理团队同步中心（管理员用）</translation>
    </message>
    <message>
        <source>make (or update) the team hub in an empty PostgreSQL database</source>
        <translation>在空的 PostgreSQL 数据库中建立（或更新）团队同步中心</translation>
    </message>
    <message>
        <source>the database, as postgresql://owner@host/dbname</source>
        <translation>数据库的连接地址（以 postgresql 开头，含所有者、主机和数据库名）</translation>
    </message>
    <message>
        <source>members see only their own customers and the pool</source>
        <translation>成员只能看到自己的客户和公海池</translation>
    </message>
    <message>
        <source>members see every customer (the default)</source>
        <translation>成员可以看到所有客户（默认）</translation>
    </message>
    <message>
        <source>add a salesperson and print their one-time invitation</source>
        <translation>添加一位销售并打印其一次性邀请</translation>
    </message>
    <message>
        <source>the member&apos;s login name (letters, digits, _)</source>
        <translation>成员的登录名（字母、数字、_）</translation>
    </message>
    <message>
        <source>the person id of the salesperson in the team&apos;s books</source>
        <translation>该销售在团队账本中的人员编号</translation>
    </message>
    <message>
        <source>the hub&apos;s URL (default: the CRM_HUB_URL variable)</source>
        <translation>同步中心的 URL（默认取 CRM_HUB_URL 变量）</translation>
    </message>
    <message>
        <source>the host name laptops use to reach the hub</source>
        <translation>笔记本电脑访问同步中心所用的主机名</translation>
    </message>
    <message>
        <source>the port laptops use to reach the hub</source>
        <translation>笔记本电脑访问同步中心所用的端口</translation>
    </message>
    <message>
        <source>revoke a member (a stolen laptop, a colleague who left)</source>
        <translation>撤销一位成员（笔记本被盗、同事离职）</translation>
    </message>
    <message>
        <source>the member&apos;s login name</source>
        <translation>成员的登录名</translation>
    </message>
    <message>
        <source>send this book&apos;s changes to the team hub and take the team&apos;s</source>
        <translation>把本账本的改动发送到团队同步中心，并取回团队的改动</translation>
    </message>
    <message>
        <source>first connect to the hub of this invitation</source>
        <translation>先连接到此邀请所指的同步中心</translation>
    </message>
    <message>
        <source>the book to sync</source>
        <translation>要同步的账本</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>你的姓名</translation>
    </message>
    <message>
        <source>Quote {version} written to {path}.</source>
        <translation>报价单{version}已写入{path}。</translation>
    </message>
    <message>
        <source>write a deal&apos;s latest quote as PDF or Excel (v1 is made from the deal&apos;s products when it has none)</source>
        <translation>把商机的最新报价单写成 PDF 或 Excel（没有报价单时，按商机的产品生成 v1）</translation>
    </message>
    <message>
        <source>the deal&apos;s title, or its id or the id&apos;s beginning</source>
        <translation>商机的名称，或其 ID、ID 的开头部分</translation>
    </message>
    <message>
        <source>the PDF file to write</source>
        <translation>要写入的 PDF 文件</translation>
    </message>
    <message>
        <source>the Excel file to write</source>
        <translation>要写入的 Excel 文件</translation>
    </message>
    <message>
        <source>the quote&apos;s layout: Chinese or English</source>
        <translation>报价单的版式：中文或英文</translation>
    </message>
</context>
<context>
    <name>complaints</name>
    <message>
        <source>Complaint resolved: {resolution}</source>
        <translation>投诉已解决：{resolution}</translation>
    </message>
    <message>
        <source>Ask whether the customer is satisfied with the resolution</source>
        <translation>询问客户对处理结果是否满意</translation>
    </message>
    <message>
        <source>Customer satisfaction: {score}/5</source>
        <translation>客户满意度：{score}/5</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Median time to first answer</source>
        <translation>首次答复用时中位数</translation>
    </message>
    <message>
        <source>Median time to resolve</source>
        <translation>解决用时中位数</translation>
    </message>
    <message>
        <source>Resolved within deadline</source>
        <translation>按期解决比例</translation>
    </message>
    <message>
        <source>Average satisfaction</source>
        <translation>平均满意度</translation>
    </message>
    <message>
        <source>All complaints</source>
        <translation>全部投诉</translation>
    </message>
    <message>
        <source>Category: {name}</source>
        <translation>类别：{name}</translation>
    </message>
    <message>
        <source>Month: {month}</source>
        <translation>月份：{month}</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n}分钟</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n}小时</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n}天</translation>
    </message>
    <message>
        <source>answer overdue by {t}</source>
        <translation>答复已逾期{t}</translation>
    </message>
    <message>
        <source>answer due in {t}</source>
        <translation>{t}内需答复</translation>
    </message>
    <message>
        <source>resolve overdue by {t}</source>
        <translation>解决已逾期{t}</translation>
    </message>
    <message>
        <source>resolve due in {t}</source>
        <translation>{t}内需解决</translation>
    </message>
    <message>
        <source>resolved late by {t}</source>
        <translation>解决晚了{t}</translation>
    </message>
    <message>
        <source>resolved in time</source>
        <translation>按期解决</translation>
    </message>
    <message>
        <source>{score}/5</source>
        <translation>{score}/5</translation>
    </message>
    <message>
        <source>Resolution: {text}</source>
        <translation>处理结果：{text}</translation>
    </message>
    <message>
        <source>Satisfaction: {score}/5</source>
        <translation>满意度：{score}/5</translation>
    </message>
    <message>
        <source>Satisfaction: not asked yet</source>
        <translation>满意度：尚未询问</translation>
    </message>
    <message>
        <source>Select a complaint to see it in full.</source>
        <translation>选择一条投诉即可查看全部内容。</translation>
    </message>
    <message>
        <source>Complaint {number} · {status} · {customer}</source>
        <translation>投诉{number} · {status} · {customer}</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Came in</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近7天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近30天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近90天</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近12个月</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>New &amp;complaint…</source>
        <translation>新建投诉(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Complaint deadlines and categories…</source>
        <translation>投诉期限和类别(&amp;C)…</translation>
    </message>
    <message>
        <source>Complaints: {open} open, {overdue} overdue</source>
        <translation>投诉：{open}件未结，{overdue}件逾期</translation>
    </message>
    <message>
        <source>Complaints: {open} open</source>
        <translation>投诉：{open}件未结</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <source>Select the customer who complained first.</source>
        <translation>请先选择投诉的客户。</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Complaint {number} closed; the customer&apos;s satisfaction: {score}/5.</source>
        <translation>投诉{number}已关闭；客户满意度：{score}/5。</translation>
    </message>
    <message>
        <source>Complaint {number} resolved; a satisfaction call is on the follow-ups.</source>
        <translation>投诉{number}已解决；满意度回访已加入待跟进。</translation>
    </message>
    <message>
        <source>very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>so-so</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>unhappy</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>very unhappy</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>{score} – {words}</source>
        <translation>{score}分 – {words}</translation>
    </message>
</context>
<context>
    <name>conflicts</name>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Second phone</source>
        <translation>第二电话</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Buying role</source>
        <translation>采购角色</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>沟通内容</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Next step due</source>
        <translation>下一步到期</translation>
    </message>
    <message>
        <source>Next step done</source>
        <translation>下一步已完成</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>you</source>
        <translation>你</translation>
    </message>
    <message>
        <source>a teammate</source>
        <translation>一位同事</translation>
    </message>
    <message>
        <source>{who}, {when}</source>
        <translation>{who}，{when}</translation>
    </message>
</context>
<context>
    <name>deals</name>
    <message>
        <source>Contact made</source>
        <translation>初步接洽</translation>
    </message>
    <message>
        <source>Needs confirmed</source>
        <translation>需求确认</translation>
    </message>
    <message>
        <source>Proposal/quote</source>
        <translation>方案报价</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>谈判</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>时机</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>没有预算</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Go to &amp;deals</source>
        <translation>转到商机(&amp;D)</translation>
    </message>
    <message>
        <source>New &amp;deal…</source>
        <translation>新建商机(&amp;D)…</translation>
    </message>
    <message>
        <source>Deal &amp;stages…</source>
        <translation>商机阶段(&amp;S)…</translation>
    </message>
    <message>
        <source>Sales tar&amp;gets…</source>
        <translation>业绩目标(&amp;G)…</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>New deal</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>Select the customer first.</source>
        <translation>请先选择客户。</translation>
    </message>
    <message>
        <source>Deal “{title}” added.</source>
        <translation>已添加商机“{title}”。</translation>
    </message>
    <message>
        <source>Move “{title}” to {stage}</source>
        <translation>将“{title}”推进到{stage}</translation>
    </message>
    <message>
        <source>{move}: the order was made from its latest quote.</source>
        <translation>{move}：已按最新的报价单生成订单。</translation>
    </message>
    <message numerus="yes">
        <source>{p} % of the team&apos;s %n closed deal(s) that went through this stage were won.</source>
        <translation>
            <numerusform>团队经过此阶段的%n个已结商机中，{p}%赢单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The team&apos;s setting for this stage ({p} %): only %n closed deal(s) went through it so far.</source>
        <translation>
            <numerusform>团队为此阶段设定的数字（{p}%）：目前只有%n个已结商机经过此阶段。</numerusform>
        </translation>
    </message>
    <message>
        <source>{amount}, weighted {weighted}</source>
        <translation>{amount}，加权{weighted}</translation>
    </message>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation>
            <numerusform>%n个进行中的商机</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dedupe</name>
    <message>
        <source>same phone</source>
        <translation>电话相同</translation>
    </message>
    <message>
        <source>same e-mail</source>
        <translation>邮箱相同</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>姓名相同</translation>
    </message>
    <message>
        <source>name sounds the same</source>
        <translation>姓名读音相同</translation>
    </message>
    <message>
        <source>similar name</source>
        <translation>姓名相似</translation>
    </message>
    <message>
        <source>same company</source>
        <translation>公司相同</translation>
    </message>
</context>
<context>
    <name>duplicates</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Company size</source>
        <translation>公司规模</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>偏好渠道</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation>营销许可</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>请勿联系</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Relationship stage</source>
        <translation>关系阶段</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>外部编号</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The passphrase file could not be read.</source>
        <translation>无法读取口令文件。</translation>
    </message>
    <message>
        <source>The passphrase file is empty.</source>
        <translation>口令文件为空。</translation>
    </message>
    <message>
        <source>Give the team passphrase with --passphrase-file or the CRM_PASSPHRASE variable.</source>
        <translation>请用 --passphrase-file 或 CRM_PASSPHRASE 环境变量提供团队口令。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>Erasing cannot be undone; give --yes to erase without being asked.</source>
        <translation>抹除无法撤销；如不需确认即可抹除，请加上 --yes。</translation>
    </message>
    <message>
        <source>“{path}” is not a CRM database file.</source>
        <translation>“{path}”不是 CRM 数据库文件。</translation>
    </message>
    <message>
        <source>“{path}” is damaged; “crm-desktop recover --db {path} NEW.sqlite” copies what can still be read into a new book.</source>
        <translation>“{path}”已损坏；运行“crm-desktop recover --db {path} NEW.sqlite”可把仍能读出的内容复制到新客户库。</translation>
    </message>
    <message>
        <source>“{path}” does not exist.</source>
        <translation>“{path}”不存在。</translation>
    </message>
    <message>
        <source>“{path}” is a folder, not a book.</source>
        <translation>“{path}”是文件夹，不是客户库。</translation>
    </message>
    <message>
        <source>“{path}” is not a whole book (missing or not a table: {names}); it is damaged or was not made by this app, and was left untouched.</source>
        <translation>“{path}”不是完整的客户库（缺少或不是数据表：{names}）；它已损坏或不是本应用创建的，未做任何改动。</translation>
    </message>
    <message>
        <source>“{path}” belongs to another application; it was left untouched.</source>
        <translation>“{path}”属于其他应用程序，未作任何改动。</translation>
    </message>
    <message>
        <source>“{path}” was written by a newer version of the app (schema {version}); update the app to open it.</source>
        <translation>“{path}”由更新版本的应用写入（架构{version}）；请升级应用后再打开。</translation>
    </message>
    <message>
        <source>Cannot write to “{path}”; choose a folder you are allowed to write to.</source>
        <translation>无法写入“{path}”；请选择有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Could not update “{path}” to this version of the app; it was left as it was. Please report this problem.</source>
        <translation>无法将“{path}”升级到当前版本的应用；文件保持原样未被改动。请报告此问题。</translation>
    </message>
    <message>
        <source>This backup file cannot be opened.</source>
        <translation>无法打开此备份文件。</translation>
    </message>
    <message>
        <source>This backup file is damaged or incomplete.</source>
        <translation>此备份文件已损坏或不完整。</translation>
    </message>
    <message>
        <source>This file is not a CRM backup.</source>
        <translation>此文件不是 CRM 备份。</translation>
    </message>
    <message>
        <source>This is a CRM database file, not a backup; ask the sender to use Make backup instead.</source>
        <translation>这是 CRM 数据库文件，不是备份；请让发送者改用“备份”功能。</translation>
    </message>
    <message>
        <source>This file is a database of another program, not a CRM backup.</source>
        <translation>此文件是其他程序的数据库，不是 CRM 备份。</translation>
    </message>
    <message>
        <source>The passphrase is wrong, or the file was changed after it was made.</source>
        <translation>口令错误，或文件在创建后被修改过。</translation>
    </message>
    <message>
        <source>This backup was made by a newer version of the app; update the app to open it.</source>
        <translation>此备份由更新版本的应用创建；请升级应用后再打开。</translation>
    </message>
    <message>
        <source>This backup uses an encryption method this version of the app cannot open; update the app.</source>
        <translation>此备份使用了当前版本无法打开的加密方式；请升级应用。</translation>
    </message>
    <message>
        <source>This backup is larger than this app accepts.</source>
        <translation>此备份超出了应用允许的大小。</translation>
    </message>
    <message>
        <source>This backup asks for more memory or time than allowed to unlock it; it was probably tampered with.</source>
        <translation>解锁此备份所需的内存或时间超出限制；文件可能已被篡改。</translation>
    </message>
    <message>
        <source>The backup file could not be read.</source>
        <translation>无法读取备份文件。</translation>
    </message>
    <message>
        <source>The backup could not be saved.</source>
        <translation>无法保存备份。</translation>
    </message>
    <message>
        <source>The database could not be read to make a backup.</source>
        <translation>无法读取数据库以创建备份。</translation>
    </message>
    <message>
        <source>Enter the team passphrase.</source>
        <translation>请输入团队口令。</translation>
    </message>
    <message>
        <source>The data in this backup belongs to another program, not to this CRM.</source>
        <translation>此备份中的数据属于其他程序，而非本 CRM。</translation>
    </message>
    <message>
        <source>This backup has no usable “{table}” table, so it was not used.</source>
        <translation>此备份中没有可用的“{table}”表，因此未被使用。</translation>
    </message>
    <message>
        <source>In this backup the “{table}” table lacks the column “{column}”, so it was not used.</source>
        <translation>此备份的“{table}”表缺少“{column}”列，因此未被使用。</translation>
    </message>
    <message>
        <source>This backup holds {count} “{table}” records with an invalid “{column}” value, so it was not used.</source>
        <translation>此备份中有{count}条“{table}”记录的“{column}”值无效，因此未被使用。</translation>
    </message>
    <message>
        <source>This backup holds {count} “{table}” records whose “{column}” points at a record missing from it, so it was not used.</source>
        <translation>此备份中有{count}条“{table}”记录的“{column}”指向备份里不存在的记录，因此未被使用。</translation>
    </message>
    <message>
        <source>This backup holds “{table}” records with a missing value or an id used twice, so it was not used.</source>
        <translation>此备份中的“{table}”记录缺少必填值或有重复的编号，因此未被使用。</translation>
    </message>
    <message>
        <source>This backup was made by a version of the app this one does not know; update the app.</source>
        <translation>此备份由本程序无法识别的版本创建；请更新程序。</translation>
    </message>
    <message>
        <source>The backup could not be unpacked beside the book: {detail}.</source>
        <translation>无法在数据库旁解开此备份：{detail}。</translation>
    </message>
    <message>
        <source>The customer data inside this backup is damaged and cannot be used.</source>
        <translation>此备份中的客户数据已损坏，无法使用。</translation>
    </message>
    <message>
        <source>This backup file is empty.</source>
        <translation>此备份文件为空。</translation>
    </message>
    <message>
        <source>The database file could not be found.</source>
        <translation>找不到数据库文件。</translation>
    </message>
    <message>
        <source>This backup unpacks to more data than it declares; it was probably tampered with.</source>
        <translation>此备份解压后的数据多于声明的大小；文件可能已被篡改。</translation>
    </message>
    <message>
        <source>The backup could not be saved because the disk is full.</source>
        <translation>磁盘已满，无法保存备份。</translation>
    </message>
    <message>
        <source>The backup could not be saved because the folder is not writable.</source>
        <translation>文件夹不可写入，无法保存备份。</translation>
    </message>
    <message>
        <source>The backup file could not be found.</source>
        <translation>找不到备份文件。</translation>
    </message>
    <message>
        <source>There is no import to undo.</source>
        <translation>没有可撤销的导入。</translation>
    </message>
    <message>
        <source>“{value}” is not a valid number in China; it was read as a number in {region}.</source>
        <translation>“{value}”不是有效的中国号码，已按{region}的号码读取。</translation>
    </message>
    <message>
        <source>“{value}” is not a valid phone number for China or the row&apos;s country; it was kept as typed.</source>
        <translation>“{value}”既不是有效的中国号码，也不是该行所在国家的有效号码，已按原样保留。</translation>
    </message>
    <message>
        <source>“{value}” is not a phone number; it was kept in the notes.</source>
        <translation>“{value}”不是电话号码，已保留在备注中。</translation>
    </message>
    <message>
        <source>“{value}” is not a valid e-mail address; it was kept in the notes.</source>
        <translation>“{value}”不是有效的电子邮箱地址，已保留在备注中。</translation>
    </message>
    <message>
        <source>“{value}” is not a date; it was kept in the notes.</source>
        <translation>“{value}”不是日期，已保留在备注中。</translation>
    </message>
    <message>
        <source>Choose which column holds the customer&apos;s name.</source>
        <translation>请选择包含客户姓名的列。</translation>
    </message>
    <message>
        <source>The “{column}” cell runs over {count} lines; a quote in the file is probably not closed. The row was not imported.</source>
        <translation>“{column}”单元格跨了{count}行，文件中可能有引号没有闭合。该行未导入。</translation>
    </message>
    <message>
        <source>No customer name; the contact was added to “{name}” of the row above.</source>
        <translation>没有客户名称，联系人已加入上一行的“{name}”。</translation>
    </message>
    <message>
        <source>No name, phone or e-mail; the row was not imported.</source>
        <translation>没有姓名、电话或邮箱，该行未导入。</translation>
    </message>
    <message>
        <source>Same customer as row {other} (same id, phone or e-mail); the row was not imported.</source>
        <translation>与第{other}行是同一客户（编号、电话或邮箱相同），该行未导入。</translation>
    </message>
    <message>
        <source>Export to “{suffix}” files is not supported; use .csv or .xlsx.</source>
        <translation>不支持导出为“{suffix}”文件；请使用 .csv 或 .xlsx。</translation>
    </message>
    <message>
        <source>Export to “{suffix}” files is not supported for {kind}; use .csv or .xlsx.</source>
        <translation>{kind}不支持导出为“{suffix}”文件；请使用 .csv 或 .xlsx。</translation>
    </message>
    <message>
        <source>Cannot write “{path}”: {detail}</source>
        <translation>无法写入“{path}”：{detail}</translation>
    </message>
    <message>
        <source>“{name}” is too large ({size} MB); the limit is {limit} MB.</source>
        <translation>“{name}”太大（{size} MB）；上限为{limit} MB。</translation>
    </message>
    <message>
        <source>“{name}” cannot be opened.</source>
        <translation>无法打开“{name}”。</translation>
    </message>
    <message>
        <source>“{name}” is empty.</source>
        <translation>“{name}”为空。</translation>
    </message>
    <message>
        <source>“{encoding}” is not a known encoding.</source>
        <translation>“{encoding}”不是已知的编码。</translation>
    </message>
    <message>
        <source>“{name}” cannot be read as {encoding}; choose another encoding.</source>
        <translation>无法按{encoding}读取“{name}”；请选择其他编码。</translation>
    </message>
    <message>
        <source>“{name}” is not a text table (CSV) file.</source>
        <translation>“{name}”不是文本表格（CSV）文件。</translation>
    </message>
    <message>
        <source>“{name}” is not UTF-8 (line {line}) and its encoding is unclear; it may be {candidates}. Choose the encoding and check the preview (on the command line: --encoding).</source>
        <translation>“{name}”不是 UTF-8 编码（第{line}行），且无法确定其编码，可能是{candidates}。请选择编码并查看预览（命令行中使用 --encoding）。</translation>
    </message>
    <message>
        <source>{count} more cells than there are columns; they were kept in the notes.</source>
        <translation>单元格比列多{count}个，多出的内容已保留在备注中。</translation>
    </message>
    <message>
        <source>The cell in column “{column}” is longer than {limit} characters; the row was not imported.</source>
        <translation>“{column}”列的单元格超过{limit}个字符，该行未导入。</translation>
    </message>
    <message>
        <source>The file is not valid CSV near line {line}: {detail}</source>
        <translation>文件在第{line}行附近不是有效的 CSV：{detail}</translation>
    </message>
    <message>
        <source>A quote opened in this row is not closed: lines {line} to {end} were read as one row, which was not imported. Check the quotes on line {line}.</source>
        <translation>这一行中的引号没有闭合：第{line}至{end}行被读成了一行，该行未导入。请检查第{line}行的引号。</translation>
    </message>
    <message>
        <source>“{name}” is not an Excel (.xlsx) file.</source>
        <translation>“{name}”不是 Excel（.xlsx）文件。</translation>
    </message>
    <message>
        <source>“{name}” is too large: it holds more than {limit} files.</source>
        <translation>“{name}”太大：其中包含的文件超过{limit}个。</translation>
    </message>
    <message>
        <source>“{name}” is too large: it unpacks to {size} MB, more than {limit} MB.</source>
        <translation>“{name}”太大：解压后有{size} MB，超过{limit} MB。</translation>
    </message>
    <message>
        <source>“{name}” is packed {ratio} times tighter than any real spreadsheet; it was not opened.</source>
        <translation>“{name}”的压缩比高达{ratio}倍，远超任何真实的表格文件，未打开。</translation>
    </message>
    <message>
        <source>“{name}” is too large: more than {limit} merged cell ranges.</source>
        <translation>“{name}”太大：合并单元格区域超过{limit}个。</translation>
    </message>
    <message>
        <source>“{name}” is damaged or not an Excel (.xlsx) file.</source>
        <translation>“{name}”已损坏或不是 Excel（.xlsx）文件。</translation>
    </message>
    <message>
        <source>“{name}” is too large to open.</source>
        <translation>“{name}”太大，无法打开。</translation>
    </message>
    <message>
        <source>“{name}” is too large: more than {limit} columns.</source>
        <translation>“{name}”太大：超过{limit}列。</translation>
    </message>
    <message>
        <source>“{name}” is too large: more than {limit} cells.</source>
        <translation>“{name}”太大：超过{limit}个单元格。</translation>
    </message>
    <message>
        <source>“{name}” is too large: more than {limit} million characters of text.</source>
        <translation>“{name}”太大：文字超过{limit}百万字符。</translation>
    </message>
    <message>
        <source>“{name}” is too large: more than {limit} rows.</source>
        <translation>“{name}”太大：超过{limit}行。</translation>
    </message>
    <message>
        <source>“{name}” is an old Excel (.xls) file; save it as .xlsx or CSV and try again.</source>
        <translation>“{name}”是旧版 Excel（.xls）文件；请另存为 .xlsx 或 CSV 后重试。</translation>
    </message>
    <message>
        <source>A line of the vCard could not be read.</source>
        <translation>vCard 中有一行无法读取。</translation>
    </message>
    <message>
        <source>A vCard has no END:VCARD line; it was read up to the next card.</source>
        <translation>有一张 vCard 缺少 END:VCARD 行，已读取到下一张 vCard 之前。</translation>
    </message>
    <message>
        <source>The vCard property {name} is longer than {limit} characters; it was left out.</source>
        <translation>vCard 属性{name}超过{limit}个字符，已略过。</translation>
    </message>
    <message>
        <source>The vCard has more than {limit} properties; the rest were left out.</source>
        <translation>这张 vCard 的属性超过{limit}项，其余的未导入。</translation>
    </message>
    <message>
        <source>The last vCard has no END:VCARD line; it was read anyway.</source>
        <translation>最后一张 vCard 缺少 END:VCARD 行，但仍已读取。</translation>
    </message>
    <message>
        <source>“{name}” contains no vCards.</source>
        <translation>“{name}”中没有 vCard。</translation>
    </message>
    <message>
        <source>The card has no name; it was named “{name}” after its nickname, e-mail or phone.</source>
        <translation>这张 vCard 没有姓名，已按其昵称、邮箱或电话命名为“{name}”。</translation>
    </message>
    <message>
        <source>“{path}” is already open in another window of the app; use that window.</source>
        <translation>“{path}”已在本应用的另一个窗口中打开；请使用该窗口。</translation>
    </message>
    <message>
        <source>The database is still in use; close other windows using it and try again.</source>
        <translation>数据库仍在使用中；请关闭正在使用它的其他窗口后重试。</translation>
    </message>
    <message>
        <source>There is no restore to undo.</source>
        <translation>没有可撤销的恢复。</translation>
    </message>
    <message>
        <source>This merge preview was closed; open the teammate&apos;s backup again to merge it.</source>
        <translation>此合并预览已关闭；请重新打开同事的备份再合并。</translation>
    </message>
    <message>
        <source>Backups work only with a database file on this computer.</source>
        <translation>只能备份本机上的数据库文件。</translation>
    </message>
    <message>
        <source>This backup holds only {whose}&apos;s customers, so restoring it would replace your whole book with them; merge it instead (File › Merge a teammate&apos;s backup…).</source>
        <translation>这份备份只包含{whose}的客户，恢复它会用这些客户替换你的整个客户簿；请改为合并（文件 › 合并同事的备份…）。</translation>
    </message>
    <message>
        <source>This backup is dated {when}, more than a day ahead of this computer&apos;s clock; check the date and time on both computers.</source>
        <translation>此备份的日期是{when}，比本机时钟快了一天以上；请检查两台电脑的日期和时间。</translation>
    </message>
    <message>
        <source>Please correct the highlighted fields.</source>
        <translation>请更正标出的字段。</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>该客户已不存在。</translation>
    </message>
    <message>
        <source>One of the two customers no longer exists.</source>
        <translation>两个客户中有一个已不存在。</translation>
    </message>
    <message>
        <source>A customer cannot be merged with itself.</source>
        <translation>客户不能与自身合并。</translation>
    </message>
    <message>
        <source>There is no merge to undo.</source>
        <translation>没有可撤销的合并。</translation>
    </message>
    <message>
        <source>Pick a time in the future.</source>
        <translation>请选择将来的时间。</translation>
    </message>
    <message>
        <source>This follow-up is already done.</source>
        <translation>此跟进已完成。</translation>
    </message>
    <message>
        <source>The amount is missing.</source>
        <translation>缺少金额。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount of money.</source>
        <translation>“{value}”不是有效金额。</translation>
    </message>
    <message>
        <source>The amount “{value}” is negative; orders cannot be negative.</source>
        <translation>金额“{value}”为负数；订单金额不能为负。</translation>
    </message>
    <message>
        <source>“{value}” has more decimals than {currency} allows.</source>
        <translation>“{value}”的小数位数超出了{currency}允许的范围。</translation>
    </message>
    <message>
        <source>“{value}” is too large for an amount of money.</source>
        <translation>“{value}”作为金额太大了。</translation>
    </message>
    <message>
        <source>This order no longer exists.</source>
        <translation>该订单已不存在。</translation>
    </message>
    <message>
        <source>{count} rows have problems; nothing was imported. Correct the file and try again.</source>
        <translation>有{count}行存在问题，未导入任何数据。请更正文件后重试。</translation>
    </message>
    <message>
        <source>The file has no orders to import.</source>
        <translation>文件中没有可导入的订单。</translation>
    </message>
    <message>
        <source>There is no order import to undo.</source>
        <translation>没有可撤销的订单导入。</translation>
    </message>
    <message>
        <source>A cell is too long to import.</source>
        <translation>有单元格过长，无法导入。</translation>
    </message>
    <message>
        <source>The file needs a customer column, a date column and an amount column (found: {headers}).</source>
        <translation>文件需要包含客户列、日期列和金额列（找到的列：{headers}）。</translation>
    </message>
    <message>
        <source>This deal no longer exists.</source>
        <translation>这个商机已不存在。</translation>
    </message>
    <message>
        <source>Say why the deal was lost.</source>
        <translation>请说明输单原因。</translation>
    </message>
    <message>
        <source>A stage name is too long (40 characters at most).</source>
        <translation>阶段名称太长（最多40个字符）。</translation>
    </message>
    <message>
        <source>“{value}” is not a currency code such as CNY or USD.</source>
        <translation>“{value}”不是货币代码（如 CNY 或 USD）。</translation>
    </message>
    <message>
        <source>A name is too long (100 characters at most).</source>
        <translation>名称太长（最多100个字符）。</translation>
    </message>
    <message>
        <source>“{value}” is not a date.</source>
        <translation>“{value}”不是日期。</translation>
    </message>
    <message>
        <source>The date “{value}” is in the future.</source>
        <translation>日期“{value}”在将来。</translation>
    </message>
    <message>
        <source>The customer is missing.</source>
        <translation>缺少客户。</translation>
    </message>
    <message>
        <source>“{value}” matches {count} customers; use the external id, phone or e-mail.</source>
        <translation>“{value}”匹配到{count}个客户；请使用外部编号、电话或邮箱。</translation>
    </message>
    <message>
        <source>No customer matches “{value}”.</source>
        <translation>没有匹配“{value}”的客户。</translation>
    </message>
    <message>
        <source>Give the order a date.</source>
        <translation>请填写订单日期。</translation>
    </message>
    <message>
        <source>This entry no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>Resolve the complaint before closing it.</source>
        <translation>请先解决投诉再关闭。</translation>
    </message>
    <message>
        <source>This complaint is already being worked on.</source>
        <translation>该投诉已在处理中。</translation>
    </message>
    <message>
        <source>A resolved complaint can only be closed or reopened.</source>
        <translation>已解决的投诉只能关闭或重新打开。</translation>
    </message>
    <message>
        <source>A closed complaint can only be reopened.</source>
        <translation>已关闭的投诉只能重新打开。</translation>
    </message>
    <message>
        <source>A complaint cannot go back to “new”; reopen it instead.</source>
        <translation>投诉不能退回“新建”；请改为重新打开。</translation>
    </message>
    <message>
        <source>The complaint already has this status.</source>
        <translation>该投诉已是此状态。</translation>
    </message>
    <message>
        <source>“{status}” is not a complaint status.</source>
        <translation>“{status}”不是投诉状态。</translation>
    </message>
    <message>
        <source>Describe the complaint in the customer&apos;s words.</source>
        <translation>请用客户的原话描述投诉。</translation>
    </message>
    <message>
        <source>The description is too long (at most {n} characters).</source>
        <translation>描述过长（最多{n}个字符）。</translation>
    </message>
    <message>
        <source>The time lacks a time zone.</source>
        <translation>该时间缺少时区。</translation>
    </message>
    <message>
        <source>A complaint cannot come in later than now.</source>
        <translation>投诉时间不能晚于现在。</translation>
    </message>
    <message>
        <source>Choose a severity.</source>
        <translation>请选择严重程度。</translation>
    </message>
    <message>
        <source>Choose a category (at most {n} characters).</source>
        <translation>请选择类别（最多{n}个字符）。</translation>
    </message>
    <message>
        <source>Choose a channel.</source>
        <translation>请选择渠道。</translation>
    </message>
    <message>
        <source>The owner&apos;s name is too long (at most {n} characters).</source>
        <translation>负责人姓名过长（最多{n}个字符）。</translation>
    </message>
    <message>
        <source>Deadlines are whole hours from 1 to {n}.</source>
        <translation>期限为1到{n}的整小时数。</translation>
    </message>
    <message>
        <source>The time to resolve cannot be shorter than the time to answer.</source>
        <translation>解决期限不能短于答复期限。</translation>
    </message>
    <message>
        <source>The satisfaction call is due 0 to {n} days after resolving.</source>
        <translation>满意度回访应在解决后0到{n}天内。</translation>
    </message>
    <message>
        <source>A category name has 1 to {n} characters.</source>
        <translation>类别名称为1到{n}个字符。</translation>
    </message>
    <message>
        <source>The category “{name}” is listed twice.</source>
        <translation>类别“{name}”重复了。</translation>
    </message>
    <message>
        <source>Choose inbound or outbound.</source>
        <translation>请选择呼入或呼出。</translation>
    </message>
    <message>
        <source>Choose an outcome from the list.</source>
        <translation>请从列表中选择结果。</translation>
    </message>
    <message>
        <source>A contact cannot be logged in the future; put plans in the next step.</source>
        <translation>不能记录未来的联系；计划请写在下一步中。</translation>
    </message>
    <message>
        <source>Say what happened: write a summary or choose an outcome.</source>
        <translation>请说明发生了什么：填写摘要或选择结果。</translation>
    </message>
    <message>
        <source>Give the next step a due date.</source>
        <translation>请为下一步设定截止日期。</translation>
    </message>
    <message>
        <source>Describe the next step.</source>
        <translation>请描述下一步。</translation>
    </message>
    <message>
        <source>“{value}” is not a valid phone number (region {region}).</source>
        <translation>“{value}”不是有效的电话号码（地区{region}）。</translation>
    </message>
    <message>
        <source>“{value}” is not a valid e-mail address.</source>
        <translation>“{value}”不是有效的邮箱地址。</translation>
    </message>
    <message>
        <source>A name is required.</source>
        <translation>必须填写姓名。</translation>
    </message>
    <message>
        <source>Select the customers to back up in the list first (Ctrl+click, Shift+click or Ctrl+A).</source>
        <translation>请先在列表中选中要备份的客户（Ctrl+单击、Shift+单击或Ctrl+A）。</translation>
    </message>
    <message>
        <source>Set your name first (Settings › Your name…): the backup holds the customers you own.</source>
        <translation>请先设置姓名（设置 › 您的姓名…）：这份备份只包含你负责的客户。</translation>
    </message>
    <message>
        <source>Something went wrong: {detail}</source>
        <translation>出错了：{detail}</translation>
    </message>
    <message>
        <source>“{value}” is not a date; write it as YYYY-MM-DD.</source>
        <translation>“{value}”不是日期；请按 YYYY-MM-DD 格式填写。</translation>
    </message>
    <message>
        <source>This complaint no longer exists.</source>
        <translation>该投诉已不存在。</translation>
    </message>
    <message>
        <source>The satisfaction score is given when the complaint is resolved or closed.</source>
        <translation>满意度评分在解决或关闭投诉时填写。</translation>
    </message>
    <message>
        <source>A status change cannot happen later than now.</source>
        <translation>状态变更时间不能晚于现在。</translation>
    </message>
    <message>
        <source>A status change cannot happen before the complaint came in.</source>
        <translation>状态变更时间不能早于投诉时间。</translation>
    </message>
    <message>
        <source>Describe the resolution: what was done for the customer.</source>
        <translation>请填写处理结果：为客户做了什么。</translation>
    </message>
    <message>
        <source>Satisfaction is a score from 1 to 5.</source>
        <translation>满意度为1到5分。</translation>
    </message>
    <message>
        <source>The disk holding “{folder}” is full ({free} free, about {needed} needed); nothing was changed. Free some space and try again.</source>
        <translation>“{folder}”所在的磁盘已满（剩余{free}，约需{needed}），没有做任何改动。请腾出一些空间后重试。</translation>
    </message>
    <message>
        <source>The disk holding “{folder}” is full ({free} free); nothing was changed. Free some space and try again.</source>
        <translation>“{folder}”所在的磁盘已满（剩余{free}），没有做任何改动。请腾出一些空间后重试。</translation>
    </message>
    <message>
        <source>“{path}” is being written by another program; close it and try again.</source>
        <translation>另一个程序正在写入“{path}”；请关闭它后重试。</translation>
    </message>
    <message>
        <source>“{value}” is not COLUMN=TARGET.</source>
        <translation>“{value}”不是“列=目标”的格式。</translation>
    </message>
    <message>
        <source>“{target}” is not an import target; use one of: {targets}.</source>
        <translation>“{target}”不是可导入的目标，请使用以下之一：{targets}。</translation>
    </message>
    <message>
        <source>The file has no column “{column}”.</source>
        <translation>文件中没有“{column}”这一列。</translation>
    </message>
    <message>
        <source>“{path}” already exists; demo only writes new files, so choose another path.</source>
        <translation>“{path}”已存在；演示只写入新文件，请另选路径。</translation>
    </message>
    <message>
        <source>“{path}” is not a demo book, so demo leaves it alone; give another path with --db.</source>
        <translation>“{path}”不是演示客户库，演示不会改动它；请用 --db 指定其他路径。</translation>
    </message>
    <message>
        <source>“{path}” already exists; recover writes only a new book, so choose another path.</source>
        <translation>“{path}”已存在；恢复只写入新客户库，请另选路径。</translation>
    </message>
    <message>
        <source>Nothing could be read from “{path}”: too much of it is damaged, or it is not a book of this app.</source>
        <translation>无法从“{path}”读出任何内容：损坏过多，或它不是本应用的客户库。</translation>
    </message>
    <message>
        <source>No customer matches “{what}”.</source>
        <translation>没有与“{what}”匹配的客户。</translation>
    </message>
    <message>
        <source>“{what}” matches {count} customers; give the id of the one to erase.</source>
        <translation>“{what}”匹配到{count}个客户；请给出要抹除的客户编号。</translation>
    </message>
    <message>
        <source>An owner&apos;s name can have at most {n} characters.</source>
        <translation>负责人姓名最多{n}个字符。</translation>
    </message>
    <message>
        <source>Type the name of the tag.</source>
        <translation>请输入标签名称。</translation>
    </message>
    <message>
        <source>A tag cannot contain a comma.</source>
        <translation>标签中不能含有逗号。</translation>
    </message>
    <message>
        <source>A tag can have at most {n} characters.</source>
        <translation>标签最多{n}个字符。</translation>
    </message>
    <message>
        <source>This record no longer exists, so there is nothing to decide.</source>
        <translation>这条记录已不存在，无需再决定。</translation>
    </message>
    <message>
        <source>Only a text field can take a typed value; keep one of the two versions instead.</source>
        <translation>只有文本字段可以输入新值；请保留两个版本中的一个。</translation>
    </message>
    <message>
        <source>Set your name first (Settings › Your name…): a claim makes you the owner.</source>
        <translation>请先设置姓名（设置 › 您的姓名…）：认领后你将成为负责人。</translation>
    </message>
    <message>
        <source>Keep at least one open stage.</source>
        <translation>至少保留一个进行中的阶段。</translation>
    </message>
    <message>
        <source>Twelve open stages at most.</source>
        <translation>进行中的阶段最多十二个。</translation>
    </message>
    <message>
        <source>The stages end with one Won and one Lost stage.</source>
        <translation>阶段必须以一个赢单阶段和一个输单阶段结束。</translation>
    </message>
    <message>
        <source>Two stages have the same key.</source>
        <translation>有两个阶段的标识相同。</translation>
    </message>
    <message>
        <source>Two stages have the same name.</source>
        <translation>有两个阶段的名称相同。</translation>
    </message>
    <message>
        <source>A stage usually takes between 1 and 365 days.</source>
        <translation>阶段通常天数须在1到365天之间。</translation>
    </message>
    <message>
        <source>Give the deal a title.</source>
        <translation>请填写商机名称。</translation>
    </message>
    <message>
        <source>The title is too long (200 characters at most).</source>
        <translation>名称太长（最多200个字符）。</translation>
    </message>
    <message>
        <source>Probably already in the book as “{name}” ({owner}&apos;s customer, {why_word}): check before importing it as a new customer.</source>
        <translation>客户库里可能已有此客户“{name}”（{owner}的客户，{why_word}）：请先核对，再作为新客户导入。</translation>
    </message>
    <message>
        <source>Probably already in the book as “{name}” (no owner, {why_word}): check before importing it as a new customer.</source>
        <translation>客户库里可能已有此客户“{name}”（无负责人，{why_word}）：请先核对，再作为新客户导入。</translation>
    </message>
    <message>
        <source>A target is a positive amount up to 100,000,000,000.</source>
        <translation>目标须为大于零的金额，最多一千亿。</translation>
    </message>
    <message>
        <source>“{reason}” is not a reason for leaving.</source>
        <translation>“{reason}”不是可选的流失原因。</translation>
    </message>
    <message>
        <source>This customer no longer exists (deleted meanwhile).</source>
        <translation>该客户已不存在（期间已被删除）。</translation>
    </message>
    <message>
        <source>“{value}” is not a percentage.</source>
        <translation>“{value}”不是百分比。</translation>
    </message>
    <message>
        <source>“{value}” is not between 0 % and 100 %.</source>
        <translation>“{value}”不在0%到100%之间。</translation>
    </message>
    <message>
        <source>“{value}” has more than two decimals of a percent.</source>
        <translation>“{value}”的百分比超过两位小数。</translation>
    </message>
    <message>
        <source>“{value}” is not a quantity.</source>
        <translation>“{value}”不是有效的数量。</translation>
    </message>
    <message>
        <source>The quantity “{value}” must be above zero.</source>
        <translation>数量“{value}”必须大于零。</translation>
    </message>
    <message>
        <source>“{value}” has more than three decimals.</source>
        <translation>“{value}”超过三位小数。</translation>
    </message>
    <message>
        <source>Line {line}: this product no longer exists.</source>
        <translation>第{line}行：该产品已不存在。</translation>
    </message>
    <message>
        <source>Line {line}: the unit price is not an amount of money.</source>
        <translation>第{line}行：单价不是有效的金额。</translation>
    </message>
    <message>
        <source>The lines add up to more than an amount can be.</source>
        <translation>各行合计超出了金额的上限。</translation>
    </message>
    <message>
        <source>The file has no products to import.</source>
        <translation>文件中没有可导入的产品。</translation>
    </message>
    <message>
        <source>The file needs a code column and at least a name or price column (found: {headers}).</source>
        <translation>文件需要一个编码列，以及至少一个名称列或单价列（找到的列：{headers}）。</translation>
    </message>
    <message>
        <source>The code “{code}” is already on row {row} of the file.</source>
        <translation>编码“{code}”已出现在文件第{row}行。</translation>
    </message>
    <message>
        <source>This product no longer exists.</source>
        <translation>该产品已不存在。</translation>
    </message>
    <message>
        <source>This price list no longer exists.</source>
        <translation>该价格表已不存在。</translation>
    </message>
    <message>
        <source>Give the product a code.</source>
        <translation>请填写产品编码。</translation>
    </message>
    <message>
        <source>The code is too long ({max} characters at most).</source>
        <translation>编码太长（最多{max}个字符）。</translation>
    </message>
    <message>
        <source>Give the product a name.</source>
        <translation>请填写产品名称。</translation>
    </message>
    <message>
        <source>The name is too long ({max} characters at most).</source>
        <translation>名称太长（最多{max}个字符）。</translation>
    </message>
    <message>
        <source>The unit is too long ({max} characters at most).</source>
        <translation>单位太长（最多{max}个字符）。</translation>
    </message>
    <message>
        <source>Another product already has the code “{code}”.</source>
        <translation>已有其他产品使用编码“{code}”。</translation>
    </message>
    <message>
        <source>Give the price list a name.</source>
        <translation>请填写价格表名称。</translation>
    </message>
    <message>
        <source>“{value}” is not a customer segment.</source>
        <translation>“{value}”不是客户分群。</translation>
    </message>
    <message>
        <source>Say where to write the quote: --pdf FILE or --xlsx FILE.</source>
        <translation>请指定报价单写到哪里：--pdf 文件，或 --xlsx 文件。</translation>
    </message>
    <message>
        <source>The seal image is larger than 1 MB; save it smaller and choose it again.</source>
        <translation>公章图片超过1 MB，请存成更小的文件后重新选择。</translation>
    </message>
    <message>
        <source>The seal image is not a PNG file.</source>
        <translation>公章图片不是 PNG 文件。</translation>
    </message>
    <message>
        <source>This quote no longer exists.</source>
        <translation>这份报价单已不存在。</translation>
    </message>
    <message>
        <source>This quote was accepted already; its order exists.</source>
        <translation>这份报价单已被接受，订单已经生成。</translation>
    </message>
    <message>
        <source>Several deals are called “{title}”; give the deal&apos;s id.</source>
        <translation>有多个商机名为“{title}”，请给出商机的 ID。</translation>
    </message>
    <message>
        <source>No deal is called “{prefix}” nor has an id beginning so.</source>
        <translation>没有名为“{prefix}”或 ID 以此开头的商机。</translation>
    </message>
    <message>
        <source>Several deals&apos; ids begin with “{prefix}”; give more of the id.</source>
        <translation>有多个商机的 ID 以“{prefix}”开头，请多输入几位 ID。</translation>
    </message>
    <message>
        <source>The deal has no products to quote; add them to the deal first.</source>
        <translation>这个商机没有可报价的产品，请先给商机添加产品。</translation>
    </message>
    <message>
        <source>Add at least one product to the quote.</source>
        <translation>报价单至少要有一个产品。</translation>
    </message>
    <message>
        <source>Choose Chinese or English.</source>
        <translation>请选择中文或英文。</translation>
    </message>
    <message>
        <source>Cannot read “{path}”: {detail}</source>
        <translation>无法读取“{path}”：{detail}</translation>
    </message>
    <message>
        <source>The seal image is damaged and cannot be shown.</source>
        <translation>公章图片已损坏，无法显示。</translation>
    </message>
    <message>
        <source>The seal image is larger than {side} × {side} pixels; save it smaller and choose it again.</source>
        <translation>公章图片超过{side}×{side}像素，请存成更小的图片后重新选择。</translation>
    </message>
    <message>
        <source>Name the hub with --hub URL or the CRM_HUB_URL variable.</source>
        <translation>请用 --hub URL 或 CRM_HUB_URL 变量指定同步中心。</translation>
    </message>
    <message>
        <source>The team hub cannot be reached; your changes stay in this book and are sent at the next sync.</source>
        <translation>无法连接团队同步中心；您的改动保留在本账本中，下次同步时发送。</translation>
    </message>
    <message>
        <source>The team hub refused this login: the password is wrong or this access was revoked.</source>
        <translation>团队同步中心拒绝了此次登录：密码错误或访问权限已被撤销。</translation>
    </message>
    <message>
        <source>The team hub at {host} is on another computer, so it needs a verified TLS connection (sslmode=verify-full).</source>
        <translation>位于{host}的团队同步中心在另一台电脑上，因此需要经过验证的 TLS 连接（sslmode=verify-full）。</translation>
    </message>
    <message>
        <source>This database is not a crm-desktop team hub.</source>
        <translation>此数据库不是 crm-desktop 团队同步中心。</translation>
    </message>
    <message>
        <source>The team hub was set up by a newer version of crm-desktop; update the app to sync with it.</source>
        <translation>团队同步中心由更新版本的 crm-desktop 建立；请更新本应用后再同步。</translation>
    </message>
    <message>
        <source>The invitation is damaged or incomplete; ask for a new one.</source>
        <translation>邀请已损坏或不完整；请索取新的邀请。</translation>
    </message>
    <message>
        <source>This book is not connected to a team hub; join one with an invitation first.</source>
        <translation>本账本尚未连接团队同步中心；请先用邀请加入。</translation>
    </message>
    <message>
        <source>The hub password is not in this computer&apos;s keyring; connect to the hub again with the invitation.</source>
        <translation>本机钥匙串中没有同步中心的密码；请用邀请重新连接。</translation>
    </message>
    <message>
        <source>The hub database refused the change: {detail}.</source>
        <translation>同步中心数据库拒绝了此更改：{detail}。</translation>
    </message>
    <message>
        <source>The team hub has no member called {name}.</source>
        <translation>团队同步中心没有名为{name}的成员。</translation>
    </message>
    <message>
        <source>{name} cannot be a hub member&apos;s name: use letters, digits and _ (at most 40).</source>
        <translation>{name}不能用作同步中心成员名：请使用字母、数字和 _（最多40个）。</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>外部编号</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>请勿联系</translation>
    </message>
    <message>
        <source>CRM id</source>
        <translation>CRM 编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Ordered at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>CRM customer id</source>
        <translation>CRM 客户编号</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Next step due</source>
        <translation>下一步截止</translation>
    </message>
    <message>
        <source>Next step done</source>
        <translation>下一步已完成</translation>
    </message>
    <message>
        <source>Opened at</source>
        <translation>提出时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Response due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Resolve due</source>
        <translation>解决期限</translation>
    </message>
    <message>
        <source>Resolved at</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Tax rate (%)</source>
        <translation>税率（%）</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>细分</translation>
    </message>
    <message>
        <source>Value decile</source>
        <translation>价值组（十分制）</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Expected value</source>
        <translation>预期价值</translation>
    </message>
    <message>
        <source>P(active) %</source>
        <translation>活跃概率 %</translation>
    </message>
    <message>
        <source>RFM: recency (1–5)</source>
        <translation>RFM：最近购买（1–5）</translation>
    </message>
    <message>
        <source>RFM: frequency (1–5)</source>
        <translation>RFM：购买频率（1–5）</translation>
    </message>
    <message>
        <source>RFM: monetary (1–5)</source>
        <translation>RFM：消费金额（1–5）</translation>
    </message>
    <message>
        <source>Migrator</source>
        <translation>普通客户</translation>
    </message>
</context>
<context>
    <name>followups</name>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后</translation>
    </message>
    <message>
        <source>Birthday of {name} ({years})</source>
        <translation>{name}的{years}岁生日</translation>
    </message>
    <message>
        <source>Birthday of {name}</source>
        <translation>{name}的生日</translation>
    </message>
    <message numerus="yes">
        <source>Anniversary of {name} (%n year(s))</source>
        <translation>
            <numerusform>{name}的纪念日（%n周年）</numerusform>
        </translation>
    </message>
    <message>
        <source>Anniversary of {name}</source>
        <translation>{name}的纪念日</translation>
    </message>
    <message>
        <source>{bucket} ({n})</source>
        <translation>{bucket}（{n}）</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>Name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Country (to read phone numbers)</source>
        <translation>国家（用于识别电话号码）</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Kind of customer</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>客户来源</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>外部编号</translation>
    </message>
    <message>
        <source>Customer id in this app (from an export)</source>
        <translation>本软件中的客户编号（来自导出文件）</translation>
    </message>
    <message>
        <source>Contact: name</source>
        <translation>联系人：姓名</translation>
    </message>
    <message>
        <source>Contact: title</source>
        <translation>联系人：职务</translation>
    </message>
    <message>
        <source>Contact: buying role</source>
        <translation>联系人：采购角色</translation>
    </message>
    <message>
        <source>Contact: phone</source>
        <translation>联系人：手机</translation>
    </message>
    <message>
        <source>Contact: second phone</source>
        <translation>联系人：备用电话</translation>
    </message>
    <message>
        <source>Contact: WeChat</source>
        <translation>联系人：微信</translation>
    </message>
    <message>
        <source>Contact: e-mail</source>
        <translation>联系人：邮箱</translation>
    </message>
    <message>
        <source>Contact: birthday</source>
        <translation>联系人：生日</translation>
    </message>
    <message>
        <source>Contact: notes</source>
        <translation>联系人：备注</translation>
    </message>
    <message>
        <source>Add to notes (with the column title)</source>
        <translation>加入备注（附列标题）</translation>
    </message>
    <message>
        <source>Detect from the column titles</source>
        <translation>根据列标题识别</translation>
    </message>
    <message>
        <source>Google Contacts CSV</source>
        <translation>Google 通讯录 CSV</translation>
    </message>
    <message>
        <source>Outlook CSV</source>
        <translation>Outlook CSV</translation>
    </message>
    <message>
        <source>Business customers (companies and other organisations): {count}</source>
        <translation>企业客户（公司及其他机构）：{count}</translation>
    </message>
    <message>
        <source>New contacts at these customers: {count}</source>
        <translation>这些客户的新联系人：{count}</translation>
    </message>
    <message>
        <source>Contacts already there, matched and not added again: {count}</source>
        <translation>已有的联系人（已匹配，未重复添加）：{count}</translation>
    </message>
    <message>
        <source>Rows added to the business of an earlier row: {count}</source>
        <translation>并入前面某行企业的行：{count}</translation>
    </message>
    <message>
        <source>Phones read under the row&apos;s own country: {count}</source>
        <translation>按该行所在国家读取的电话：{count}</translation>
    </message>
    <message>
        <source>Phones kept as typed (not valid for China or their country): {count}</source>
        <translation>按原样保留的电话（在中国及其所在国家均无效）：{count}</translation>
    </message>
    <message>
        <source>Further phones, e-mails and unreadable values kept in the notes: {count}</source>
        <translation>保留在备注中的其他电话、邮箱及无法识别的内容：{count}</translation>
    </message>
    <message>
        <source>New rows that are probably existing customers (see the list below): {count}</source>
        <translation>可能已是现有客户的新行（见下方列表）：{count}</translation>
    </message>
    <message>
        <source>New rows not checked for existing customers (only the first 2,000 are): {count}</source>
        <translation>未核对是否为现有客户的新行（只核对前两千行）：{count}</translation>
    </message>
</context>
<context>
    <name>insight</name>
    <message>
        <source>Pareto curve: share of value by share of customers</source>
        <translation>帕拉图曲线：客户占比与价值占比</translation>
    </message>
    <message>
        <source>Deciles (十分制)</source>
        <translation>十分制分析</translation>
    </message>
    <message>
        <source>Segments: today and a month ago</source>
        <translation>客户分群：今天与一个月前</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>客户生命周期</translation>
    </message>
    <message>
        <source>Sales by month: this year and last</source>
        <translation>月度销售额：今年与去年同期</translation>
    </message>
    <message>
        <source>Sales by owner</source>
        <translation>按负责人的销售额</translation>
    </message>
    <message>
        <source>Lead-source yield</source>
        <translation>各线索来源的产出</translation>
    </message>
    <message>
        <source>Open complaints by severity</source>
        <translation>按严重程度的未结投诉</translation>
    </message>
    <message>
        <source>Why customers left</source>
        <translation>客户流失原因</translation>
    </message>
    <message>
        <source>Complaints by category</source>
        <translation>按类别统计的投诉</translation>
    </message>
    <message>
        <source>Complaints by month: opened and resolved</source>
        <translation>每月投诉：新增与解决</translation>
    </message>
    <message>
        <source>Relationship stage and what they buy</source>
        <translation>关系阶段与购买情况</translation>
    </message>
    <message>
        <source>Why deals were lost</source>
        <translation>输单原因</translation>
    </message>
    <message>
        <source>Ten thousands ({symbol})</source>
        <translation>万（{symbol}）</translation>
    </message>
    <message>
        <source>Thousands ({symbol})</source>
        <translation>千（{symbol}）</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组别</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Revenue so far</source>
        <translation>累计销售额</translation>
    </message>
    <message>
        <source>Expected value</source>
        <translation>预期价值</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>累计占比</translation>
    </message>
    <message>
        <source>Average order</source>
        <translation>平均订单额</translation>
    </message>
    <message>
        <source>P(active)</source>
        <translation>活跃概率</translation>
    </message>
    <message>
        <source>the BG/NBD model (how often) and the Gamma-Gamma model (how much), fitted on every customer&apos;s orders today</source>
        <translation>今天按全部客户的订单拟合的BG/NBD模型（预测购买频次）和Gamma-Gamma模型（预测每单金额）</translation>
    </message>
    <message>
        <source>the BG/NBD model (how often), fitted on every customer&apos;s orders today, and their own average order</source>
        <translation>今天按全部客户的订单拟合的BG/NBD模型（预测购买频次）及该客户自己的平均订单额</translation>
    </message>
    <message>
        <source>a simple rule (too few orders in the book for the models): one usual gap without an order keeps P(active) at 100 %, three gaps bring it to 37 %</source>
        <translation>一条简单规则（账本中订单太少，无法使用模型）：未下单时间不超过一个平常间隔时活跃概率为100%，达到三个间隔时降至37%</translation>
    </message>
    <message>
        <source>no orders yet, so no value to estimate</source>
        <translation>尚无订单，无法估算价值</translation>
    </message>
    <message>
        <source>Scores start with the first order.</source>
        <translation>有了第一笔订单才开始评分。</translation>
    </message>
    <message>
        <source>Group {n}</source>
        <translation>第{n}组</translation>
    </message>
    <message>
        <source>十分制: the customers with orders ranked by expected value over the next {months} months and cut into ten groups of equal size; group 1 is the most valuable tenth.</source>
        <translation>十分制：按未来{months}个月的预期价值给有订单的客户排序，分成人数相等的十组；第1组是最有价值的十分之一。</translation>
    </message>
    <message>
        <source>Last order {since} ago; usual gap {gap}.</source>
        <translation>最近一次下单在{since}前；平常间隔{gap}。</translation>
    </message>
    <message>
        <source>This lifecycle is computed from the orders; the relationship stage on the card is the one a salesperson sets.</source>
        <translation>生命周期由订单计算得出；名片上的关系阶段由销售人员设定。</translation>
    </message>
    <message>
        <source>P(active) {p}</source>
        <translation>活跃概率{p}</translation>
    </message>
    <message>
        <source>The probability that the customer still buys, from {how}: {orders} orders, the last one {since} ago.</source>
        <translation>客户仍会购买的概率，来自{how}：共{orders}笔订单，最近一笔在{since}前。</translation>
    </message>
    <message>
        <source>usually orders every {gap}</source>
        <translation>通常每{gap}下单一次</translation>
    </message>
    <message>
        <source>Time from their first to their last order divided by the number of repeat orders.</source>
        <translation>从首单到最近一单的时间除以复购次数。</translation>
    </message>
    <message>
        <source>They have ordered only once: the usual gap of the book&apos;s customers is shown.</source>
        <translation>该客户只下过一次单：显示的是账本中客户的平常间隔。</translation>
    </message>
    <message>
        <source>expected in {months} months {value}</source>
        <translation>预计{months}个月{value}</translation>
    </message>
    <message>
        <source>Expected purchases over the next {months} months times the expected order value, from {how}; discounted by 10 % a year.</source>
        <translation>未来{months}个月的预期购买次数乘以预期每单金额，来自{how}；按每年10%折现。</translation>
    </message>
    <message>
        <source>Click to list the {n} customers of group {d}.</source>
        <translation>点击列出第{d}组的{n}位客户。</translation>
    </message>
    <message>
        <source>Customers with orders in ten groups of equal size by expected value over {months} months. Click a group to list its customers.</source>
        <translation>有订单的客户按未来{months}个月的预期价值分为人数相等的十组。点击一组即可列出其客户。</translation>
    </message>
    <message>
        <source>Share of expected value</source>
        <translation>预期价值占比</translation>
    </message>
    <message>
        <source>Top 20 % of customers</source>
        <translation>前20%的客户</translation>
    </message>
    <message>
        <source>They hold {share}</source>
        <translation>占{share}</translation>
    </message>
    <message>
        <source>% of customers</source>
        <translation>客户占比（%）</translation>
    </message>
    <message>
        <source>% of value</source>
        <translation>价值占比（%）</translation>
    </message>
    <message>
        <source>The top 20 % of buying customers hold {expected} of the expected value and {spent} of what was spent so far.</source>
        <translation>前20%的购买客户占预期价值的{expected}，占累计销售额的{spent}。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>A month ago</source>
        <translation>一个月前</translation>
    </message>
    <message>
        <source>{n} from {a} to {b}</source>
        <translation>{n}位从{a}转为{b}</translation>
    </message>
    <message>
        <source>Since a month ago: {moves}.</source>
        <translation>一个月以来：{moves}。</translation>
    </message>
    <message>
        <source>No movement since a month ago.</source>
        <translation>一个月以来没有客户变动分群。</translation>
    </message>
    <message>
        <source>Click a bar to list its customers.</source>
        <translation>点击柱条即可列出其客户。</translation>
    </message>
    <message>
        <source>{n} customers, spent {spent}, expected {value}</source>
        <translation>{n}位客户，累计{spent}，预期{value}</translation>
    </message>
    <message>
        <source>At risk and dormant customers are expected to bring {value}. Click a bar to list its customers.</source>
        <translation>有流失风险和沉睡的客户预期可带来{value}。点击柱条即可列出其客户。</translation>
    </message>
    <message>
        <source>{n} customers (a month ago: {before}), expected {value}</source>
        <translation>{n}位客户（一个月前：{before}），预期{value}</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Same month last year</source>
        <translation>去年同月</translation>
    </message>
    <message>
        <source>12 months: {total}, of which first orders {new} and repeat orders {repeat}.</source>
        <translation>近12个月：{total}，其中首单{new}，复购{repeat}。</translation>
    </message>
    <message>
        <source>(no owner)</source>
        <translation>（无负责人）</translation>
    </message>
    <message>
        <source>{owner}: {n} customers, {buying} buying, {value}</source>
        <translation>{owner}：{n}位客户，{buying}位有购买，{value}</translation>
    </message>
    <message>
        <source>Revenue of each owner&apos;s customers so far.</source>
        <translation>每位负责人名下客户的累计销售额。</translation>
    </message>
    <message>
        <source>No customers yet.</source>
        <translation>还没有客户。</translation>
    </message>
    <message>
        <source>Open, within deadline</source>
        <translation>未结，未超时</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>no complaint resolved yet</source>
        <translation>尚无已解决的投诉</translation>
    </message>
    <message>
        <source>{open} open, {overdue} overdue. Resolved within the deadline: {kept}.</source>
        <translation>未结{open}件，逾期{overdue}件。按时解决率：{kept}。</translation>
    </message>
    <message>
        <source>left for: {reason}</source>
        <translation>流失原因：{reason}</translation>
    </message>
    <message>
        <source>Nobody has said yet why they left: the first call to a win-back customer asks it.</source>
        <translation>还没有客户说明流失原因：给待挽回客户打第一通电话时会询问。</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) said why they left; most often: {reason} ({spent} spent so far). Click a bar to list them.</source>
        <translation>
            <numerusform>%n位客户说明了流失原因；最常见：{reason}（累计消费{spent}）。点击柱形可列出这些客户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{reason}: %n customer(s) who had spent {spent}</source>
        <translation>
            <numerusform>{reason}：%n位客户，累计消费{spent}</numerusform>
        </translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Most complaints about: {category} ({n}).</source>
        <translation>投诉最多的类别：{category}（{n}件）。</translation>
    </message>
    <message>
        <source>No complaints yet.</source>
        <translation>暂无投诉。</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>12 months: {opened} opened, {resolved} resolved.</source>
        <translation>近12个月：新增{opened}件，解决{resolved}件。</translation>
    </message>
    <message>
        <source>No stage set</source>
        <translation>未设阶段</translation>
    </message>
    <message>
        <source>No order yet</source>
        <translation>尚未下单</translation>
    </message>
    <message>
        <source>Buying</source>
        <translation>在购买</translation>
    </message>
    <message>
        <source>Slipping</source>
        <translation>在流失</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停购</translation>
    </message>
    <message>
        <source>relationship stage: {stage}</source>
        <translation>关系阶段：{stage}</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) at Commitment or Expansion stopped buying: each is a reason on the call list.</source>
        <translation>
            <numerusform>处于承诺或扩大阶段的客户中有%n位已停购：每一位都是今日致电的理由。</numerusform>
        </translation>
    </message>
    <message>
        <source>{stage}: {buying} buying, {slipping} slipping, {stopped} stopped, {prospect} without an order</source>
        <translation>{stage}：在购买{buying}位，在流失{slipping}位，已停购{stopped}位，尚未下单{prospect}位</translation>
    </message>
    <message>
        <source>Revenue per buying customer</source>
        <translation>每位购买客户的销售额</translation>
    </message>
    <message>
        <source>(no lead source)</source>
        <translation>（无线索来源）</translation>
    </message>
    <message>
        <source>Most revenue from: {source}.</source>
        <translation>销售额最多的来源：{source}。</translation>
    </message>
    <message>
        <source>No revenue yet.</source>
        <translation>还没有销售额。</translation>
    </message>
    <message>
        <source>decile group {n} (十分制)</source>
        <translation>十分制第{n}组</translation>
    </message>
    <message>
        <source>Call…</source>
        <translation>致电…</translation>
    </message>
    <message>
        <source>Call these customers: a call session through a group, in today&apos;s calls</source>
        <translation>致电这些客户：在“今日致电”中逐一致电某一组客户</translation>
    </message>
    <message numerus="yes">
        <source>{group}: %n customer(s)</source>
        <translation>
            <numerusform>{group}：%n个客户</numerusform>
        </translation>
    </message>
    <message>
        <source>Call these customers</source>
        <translation>致电这些客户</translation>
    </message>
    <message numerus="yes">
        <source>%n MVC(s) became at risk.</source>
        <translation>
            <numerusform>%n位MVC变为有流失风险。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dormant or lost customer(s) ordered again.</source>
        <translation>
            <numerusform>%n位沉睡或已流失的客户重新下单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) placed their first order.</source>
        <translation>
            <numerusform>%n位客户下了首单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) became MVC.</source>
        <translation>
            <numerusform>%n位客户成为MVC。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) are no longer MVC.</source>
        <translation>
            <numerusform>%n位客户不再是MVC。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) are now counted as lost.</source>
        <translation>
            <numerusform>%n位客户现已算作流失。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing worth telling changed in the last week.</source>
        <translation>过去一周没有值得注意的变化。</translation>
    </message>
    <message>
        <source>What changed since last week</source>
        <translation>上周以来的变化</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Why they left</source>
        <translation>流失原因</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Relationship stage</source>
        <translation>关系阶段</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>First orders</source>
        <translation>首单</translation>
    </message>
    <message>
        <source>Repeat orders</source>
        <translation>复购</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Buying customers</source>
        <translation>购买客户数</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表盘(&amp;D)</translation>
    </message>
    <message>
        <source>Save the chart as a picture</source>
        <translation>将图表保存为图片</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG图片 (*.png)</translation>
    </message>
    <message>
        <source>Cannot write “{path}”.</source>
        <translation>无法写入“{path}”。</translation>
    </message>
    <message>
        <source>Save the chart&apos;s data</source>
        <translation>保存图表数据</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存{path}</translation>
    </message>
    <message>
        <source>BG/NBD and Gamma-Gamma models</source>
        <translation>BG/NBD与Gamma-Gamma模型</translation>
    </message>
    <message>
        <source>BG/NBD model and each customer&apos;s average order</source>
        <translation>BG/NBD模型与各客户的平均订单额</translation>
    </message>
    <message>
        <source>a simple rule on recency and rhythm (too few orders for the models)</source>
        <translation>基于最近购买和购买节奏的简单规则（订单太少，无法使用模型）</translation>
    </message>
    <message>
        <source>Reading the figures…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Lost or dormant customers who spent a lot (MVC, MGC or the top three deciles by money spent), with what they spent so far. Click to open the Win back page.</source>
        <translation>曾经大量消费、现已流失或沉睡的客户（MVC、MGC，或按累计消费排在前三组）及其累计消费。点击打开“客户挽回”页面。</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>正在计算数据…</translation>
    </message>
    <message>
        <source>Computing the dashboard</source>
        <translation>正在计算仪表盘</translation>
    </message>
    <message>
        <source>{chart}: picture (PNG)…</source>
        <translation>{chart}：图片（PNG）…</translation>
    </message>
    <message>
        <source>{chart}: data (.xlsx)…</source>
        <translation>{chart}：数据（.xlsx）…</translation>
    </message>
    <message numerus="yes">
        <source>Win back: %Ln customer(s) worth {spent}</source>
        <translation>
            <numerusform>待挽回：%Ln位客户，累计消费{spent}</numerusform>
        </translation>
    </message>
    <message>
        <source>Figures of {day}: {buyers} buying customers of {customers}; expected values over {months} months from {model}.</source>
        <translation>{day}的数据：{customers}位客户中{buyers}位有购买；未来{months}个月的预期价值来自{model}。</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <source>MVC (most valuable)</source>
        <translation>MVC（最有价值客户）</translation>
    </message>
    <message>
        <source>MGC (most growable)</source>
        <translation>MGC（最具增长潜力客户）</translation>
    </message>
    <message>
        <source>Migrators</source>
        <translation>普通客户</translation>
    </message>
    <message>
        <source>BZ (below zero)</source>
        <translation>BZ（负值客户）</translation>
    </message>
    <message>
        <source>The top 20 % of buying customers by expected value: keep them.</source>
        <translation>按预期价值排在前20%的购买客户：重在保持。</translation>
    </message>
    <message>
        <source>Expected to bring at least as much as they have spent so far: grow them.</source>
        <translation>预期带来的价值不少于其累计消费：重在发展。</translation>
    </message>
    <message>
        <source>Buying customers who are neither MVC, MGC nor BZ.</source>
        <translation>既非MVC、MGC，也非BZ的购买客户。</translation>
    </message>
    <message>
        <source>Cost more to serve than they are expected to bring.</source>
        <translation>服务成本高于预期带来的价值。</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>稳定期</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>No order yet.</source>
        <translation>尚未下单。</translation>
    </message>
    <message>
        <source>First order within the last 30 days.</source>
        <translation>首单在最近30天内。</translation>
    </message>
    <message>
        <source>Buying in their usual rhythm.</source>
        <translation>按平常的节奏购买。</translation>
    </message>
    <message>
        <source>P(active) below 70 %, or 1.5 times their usual gap without an order.</source>
        <translation>活跃概率低于70%，或超过平常下单间隔的1.5倍仍未下单。</translation>
    </message>
    <message>
        <source>P(active) below 40 %, or 2.5 times their usual gap without an order.</source>
        <translation>活跃概率低于40%，或超过平常下单间隔的2.5倍仍未下单。</translation>
    </message>
    <message>
        <source>P(active) below 15 %, or 4 times their usual gap without an order.</source>
        <translation>活跃概率低于15%，或超过平常下单间隔的4倍仍未下单。</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message numerus="yes">
        <source>{reason}: %n deal(s) worth {amount}</source>
        <translation>
            <numerusform>{reason}：%n个商机，金额{amount}</numerusform>
        </translation>
    </message>
    <message>
        <source>No deal was lost in the last year.</source>
        <translation>近一年没有输单。</translation>
    </message>
    <message numerus="yes">
        <source>%n deal(s) lost in the last year; most often: {reason} ({amount}).</source>
        <translation>
            <numerusform>近一年输单%n个；最常见的原因：{reason}（{amount}）。</numerusform>
        </translation>
    </message>
    <message>
        <source>This month&apos;s target</source>
        <translation>本月业绩目标</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Consumer</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Intermediary</source>
        <translation>中间商</translation>
    </message>
    <message>
        <source>Public body</source>
        <translation>公共机构</translation>
    </message>
    <message>
        <source>User</source>
        <translation>使用者</translation>
    </message>
    <message>
        <source>Influencer</source>
        <translation>影响者</translation>
    </message>
    <message>
        <source>Decider</source>
        <translation>决策者</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>批准者</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>购买者</translation>
    </message>
    <message>
        <source>Gatekeeper</source>
        <translation>把关者</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Trade fair</source>
        <translation>展会</translation>
    </message>
    <message>
        <source>Association</source>
        <translation>行业协会</translation>
    </message>
    <message>
        <source>Referral by an acquaintance</source>
        <translation>熟人介绍</translation>
    </message>
    <message>
        <source>Referral by a customer</source>
        <translation>客户推荐</translation>
    </message>
    <message>
        <source>Customer&apos;s staff</source>
        <translation>客户员工</translation>
    </message>
    <message>
        <source>Awareness</source>
        <translation>认知</translation>
    </message>
    <message>
        <source>Exploration</source>
        <translation>探测</translation>
    </message>
    <message>
        <source>Expansion</source>
        <translation>扩大</translation>
    </message>
    <message>
        <source>Commitment</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Dissolution</source>
        <translation>解除</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>呼出</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已接通</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>需回电</translation>
    </message>
    <message>
        <source>Not interested</source>
        <translation>不感兴趣</translation>
    </message>
    <message>
        <source>Order promised</source>
        <translation>承诺下单</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>已下单</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>已回复</translation>
    </message>
    <message>
        <source>Held (visit or meeting)</source>
        <translation>已见面（拜访或会议）</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Product quality</source>
        <translation>产品质量</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交货</translation>
    </message>
    <message>
        <source>Price / billing</source>
        <translation>价格/账单</translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Micro (&lt;10)</source>
        <translation>微型（&lt;10人）</translation>
    </message>
    <message>
        <source>Small (10–99)</source>
        <translation>小型（10–99人）</translation>
    </message>
    <message>
        <source>Medium (100–999)</source>
        <translation>中型（100–999人）</translation>
    </message>
    <message>
        <source>Large (1000+)</source>
        <translation>大型（1000人以上）</translation>
    </message>
</context>
<context>
    <name>privacy</name>
    <message>
        <source>Customer record</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Complaint history</source>
        <translation>投诉历史</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Relationship stage history</source>
        <translation>关系阶段变更记录</translation>
    </message>
    <message>
        <source>Data we hold about {name}</source>
        <translation>我们保存的关于{name}的数据</translation>
    </message>
    <message>
        <source>Exported on {when}</source>
        <translation>导出时间：{when}</translation>
    </message>
</context>
<context>
    <name>products</name>
    <message>
        <source>Named customers only</source>
        <translation>仅限指定客户</translation>
    </message>
    <message>
        <source>Most valuable customers (MVC)</source>
        <translation>最有价值客户（MVC）</translation>
    </message>
    <message>
        <source>Most growable customers (MGC)</source>
        <translation>最具增长潜力客户（MGC）</translation>
    </message>
    <message>
        <source>Below zero (BZ)</source>
        <translation>负值客户（BZ）</translation>
    </message>
    <message>
        <source>Migrators</source>
        <translation>普通客户</translation>
    </message>
    <message>
        <source>&amp;Products and price lists…</source>
        <translation>产品与价格表(&amp;P)…</translation>
    </message>
    <message>
        <source>Import &amp;products…</source>
        <translation>导入产品(&amp;P)…</translation>
    </message>
    <message>
        <source>Imported products: {added}, {updated}.</source>
        <translation>产品已导入：{added}，{updated}。</translation>
    </message>
    <message numerus="yes">
        <source>%n added</source>
        <translation>
            <numerusform>新增%n个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>更新%n个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>quotes</name>
    <message>
        <source>Quote…</source>
        <translation>报价…</translation>
    </message>
    <message>
        <source>Company &amp;details…</source>
        <translation>公司信息(&amp;D)…</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Company details saved.</source>
        <translation>公司信息已保存。</translation>
    </message>
</context>
<context>
    <name>records</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Logged contacts</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Complaint history</source>
        <translation>投诉处理记录</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Deal stage history</source>
        <translation>商机阶段记录</translation>
    </message>
    <message>
        <source>Relationship stage history</source>
        <translation>关系阶段变更记录</translation>
    </message>
    <message>
        <source>Team members</source>
        <translation>团队成员</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Price lists</source>
        <translation>价格表</translation>
    </message>
    <message>
        <source>Prices on price lists</source>
        <translation>价格表中的价格</translation>
    </message>
    <message>
        <source>Customers on price lists</source>
        <translation>价格表中的客户</translation>
    </message>
    <message>
        <source>Products on deals</source>
        <translation>商机中的产品</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Products on orders</source>
        <translation>订单中的产品</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Tags on customers</source>
        <translation>客户标签</translation>
    </message>
    <message>
        <source>Team settings</source>
        <translation>团队设置</translation>
    </message>
    <message>
        <source>Erased people</source>
        <translation>已抹除的个人信息</translation>
    </message>
    <message>
        <source>Search index</source>
        <translation>搜索索引</translation>
    </message>
</context>
<context>
    <name>targets</name>
    <message>
        <source>forecast {forecast} (achieved {achieved} + weighted deals {pipeline} + expected repeat orders {repeat})</source>
        <translation>预测{forecast}（已完成{achieved}＋加权商机{pipeline}＋预计复购{repeat}）</translation>
    </message>
    <message>
        <source>{month} target {target}: {share} % achieved, {forecast}</source>
        <translation>{month}目标{target}：已完成{share}%，{forecast}</translation>
    </message>
    <message>
        <source>{month}, no target set: {forecast}</source>
        <translation>{month}未设目标：{forecast}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) likely to reorder soon ({names}, about {value}): call them to close the gap of {gap}.</source>
        <translation>
            <numerusform>%n位客户即将复购（{names}，约{value}）：致电他们，补上{gap}的差额。</numerusform>
        </translation>
    </message>
    <message>
        <source>{gap} short of the target.</source>
        <translation>距目标还差{gap}。</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) likely to reorder soon: {names} (about {value}).</source>
        <translation>
            <numerusform>%n位客户即将复购：{names}（约{value}）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>timeline</name>
    <message>
        <source>Contact</source>
        <translation>联系</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>{how}: {summary}</source>
        <translation>{how}：{summary}</translation>
    </message>
    <message>
        <source>{step} (due {due})</source>
        <translation>{step}（截止{due}）</translation>
    </message>
    <message>
        <source>{step} — done</source>
        <translation>{step}——已完成</translation>
    </message>
    <message>
        <source>{change} ({score}/5)</source>
        <translation>{change}（{score}/5）</translation>
    </message>
    <message>
        <source>Deal “{title}”: {change}</source>
        <translation>商机“{title}”：{change}</translation>
    </message>
    <message>
        <source>Quote v{version} · {amount} · “{title}”</source>
        <translation>报价单 v{version} · {amount} · “{title}”</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Relationship stage: {stage} (current stage since this date)</source>
        <translation>关系阶段：{stage}（自此日起为当前阶段）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Relationship stage: {change}</source>
        <translation>关系阶段：{change}</translation>
    </message>
    <message>
        <source>Resolution: {text}</source>
        <translation>处理结果：{text}</translation>
    </message>
    <message>
        <source>Satisfaction: {score}/5</source>
        <translation>满意度：{score}/5</translation>
    </message>
    <message>
        <source>{outcome} — {note}</source>
        <translation>{outcome}——{note}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{status}: {outcome}</source>
        <translation>{status}：{outcome}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>待跟进</translation>
    </message>
    <message>
        <source>&amp;Log contact…</source>
        <translation>记录联系(&amp;L)…</translation>
    </message>
    <message>
        <source>New &amp;order…</source>
        <translation>新建订单(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import orders…</source>
        <translation>导入订单(&amp;I)…</translation>
    </message>
    <message>
        <source>Undo last order import</source>
        <translation>撤销上次订单导入</translation>
    </message>
    <message>
        <source>&amp;Export follow-ups to calendar (.ics)…</source>
        <translation>导出待跟进到日历（.ics）(&amp;E)…</translation>
    </message>
    <message>
        <source>Show &amp;follow-ups</source>
        <translation>显示待跟进(&amp;F)</translation>
    </message>
    <message>
        <source>Log contact with “{name}”</source>
        <translation>记录与“{name}”的联系</translation>
    </message>
    <message>
        <source>Contact with “{name}” logged.</source>
        <translation>已记录与“{name}”的联系。</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>编辑联系记录</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>删除联系记录</translation>
    </message>
    <message>
        <source>Delete order</source>
        <translation>删除订单</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deleted. Undo with Ctrl+Z.</source>
        <translation>已删除。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新建订单</translation>
    </message>
    <message>
        <source>Edit order</source>
        <translation>编辑订单</translation>
    </message>
    <message>
        <source>Imported {orders} and {customers}.</source>
        <translation>已导入{orders}，新增{customers}。</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n笔订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new customer(s)</source>
        <translation>
            <numerusform>%n个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import undone: %n order(s) removed.</source>
        <translation>
            <numerusform>已撤销导入：删除%n笔订单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) written to {path}.</source>
        <translation>
            <numerusform>已将%n项跟进写入{path}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) due</source>
        <translation>
            <numerusform>%n项跟进已到期</numerusform>
        </translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Done: {what}</source>
        <translation>完成：{what}</translation>
    </message>
    <message>
        <source>Mark done: {what}</source>
        <translation>标记完成：{what}</translation>
    </message>
    <message>
        <source>The satisfaction score was not recorded: complaint handling is not installed.</source>
        <translation>未记录满意度评分：未安装投诉处理功能。</translation>
    </message>
    <message>
        <source>Birthday greetings</source>
        <translation>生日问候</translation>
    </message>
    <message>
        <source>Anniversary greetings</source>
        <translation>纪念日问候</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>暂缓</translation>
    </message>
    <message>
        <source>Snooze “{what}”</source>
        <translation>暂缓“{what}”</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Reschedule “{what}”</source>
        <translation>改期“{what}”</translation>
    </message>
    <message>
        <source>Export follow-ups</source>
        <translation>导出待跟进</translation>
    </message>
    <message>
        <source>Calendar (*.ics)</source>
        <translation>日历 (*.ics)</translation>
    </message>
    <message>
        <source>Birthday: {name}</source>
        <translation>生日：{name}</translation>
    </message>
    <message>
        <source>Anniversary: {name}</source>
        <translation>纪念日：{name}</translation>
    </message>
    <message>
        <source>{what} — {customer}</source>
        <translation>{what} — {customer}</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Last time</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <source>{title} ({n})</source>
        <translation>{title}（{n}）</translation>
    </message>
    <message numerus="yes">
        <source>Follow-ups due now: %n</source>
        <translation>
            <numerusform>现已到期的跟进：%n项</numerusform>
        </translation>
    </message>
    <message>
        <source>{customer}: {what}</source>
        <translation>{customer}：{what}</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>…另有{n}项</translation>
    </message>
    <message>
        <source>{first} … (View › Show follow-ups)</source>
        <translation>{first}……（视图 › 显示待跟进）</translation>
    </message>
    <message>
        <source>{title}: {items}</source>
        <translation>{title}：{items}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Last contact:&lt;/b&gt; {when} {what} — {summary}</source>
        <translation>&lt;b&gt;上次联系：&lt;/b&gt;{when} {what} — {summary}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Last contact:&lt;/b&gt; none yet</source>
        <translation>&lt;b&gt;上次联系：&lt;/b&gt;暂无</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; {step} (due {due})</source>
        <translation>&lt;b&gt;下一步：&lt;/b&gt;{step}（截止{due}）</translation>
    </message>
    <message>
        <source>+{n} more open</source>
        <translation>另有{n}项未完成</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next step:&lt;/b&gt; none planned</source>
        <translation>&lt;b&gt;下一步：&lt;/b&gt;暂无计划</translation>
    </message>
</context>
<context>
    <name>views</name>
    <message>
        <source>My sleeping MVCs</source>
        <translation>我的沉睡MVC</translation>
    </message>
    <message>
        <source>MGC not contacted for 30 days</source>
        <translation>30天未联系的MGC</translation>
    </message>
</context>
<context>
    <name>winback</name>
    <message>
        <source>Win back</source>
        <translation>客户挽回</translation>
    </message>
    <message>
        <source>&amp;Win back</source>
        <translation>客户挽回(&amp;W)</translation>
    </message>
    <message>
        <source>Why they stopped buying: {reason}</source>
        <translation>流失原因：{reason}</translation>
    </message>
    <message>
        <source>Churn reason of “{name}”: {reason}</source>
        <translation>“{name}”的流失原因：{reason}</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Went to a competitor</source>
        <translation>转向竞争对手</translation>
    </message>
    <message>
        <source>Moved or closed</source>
        <translation>搬迁或停业</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>not asked yet</source>
        <translation>尚未询问</translation>
    </message>
</context>
</TS>
