<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ActivationExplorer</name>
        <message>
            <source>The plot shows x from −range to +range</source>
            <extracomment>Slider ranges (low, high, step) for the hyper-parameters the registry declares. What the lecture says about each activation.</extracomment>
            <translation>图中 x 的范围为 −范围 到 +范围</translation>
        </message>
        <message>
            <source>Shade where |f′(x)| is below this: the saturated, flat regions</source>
            <translation>在 |f′(x)| 小于此值处加阴影：即饱和的平坦区域</translation>
        </message>
        <message>
            <source>pre-activations of the selected layer</source>
            <translation>所选层的净输入</translation>
        </message>
        <message>
            <source>Use for selected layer</source>
            <translation>用于所选层</translation>
        </message>
        <message>
            <source>saturated where |f′| &lt;</source>
            <translation>饱和：|f′| &lt;</translation>
        </message>
        <message>
            <source>x range ±</source>
            <translation>x 范围 ±</translation>
        </message>
        <message>
            <source>Select rows to compare (Ctrl/Shift-click); the current row is shaded and explained.</source>
            <translation>选择要比较的行（Ctrl/Shift 单击）；当前行带阴影并有说明。</translation>
        </message>
    </context>
    <context>
        <name>ActivationPlot</name>
        <message>
            <source>x (net input z)</source>
            <extracomment>Activations that act unit by unit, so f and f′ are curves over x. Distinct colours for the curves (Okabe–Ito first, then a few more).</extracomment>
            <translation>x（净输入 z）</translation>
        </message>
        <message>
            <source>f(x)  solid,   f′(x)  dashed</source>
            <translation>f(x) 实线，  f′(x) 虚线</translation>
        </message>
        <message>
            <source>% of pre-activations z</source>
            <translation>净输入 z 的占比（%）</translation>
        </message>
    </context>
    <context>
        <name>Activations</name>
        <message>
            <source>Identity (linear)</source>
            <extracomment>Beyond this |x| the Gaussian density exp(−x²/2) is 0 in float64 (it underflows from |x| ≈ 38.6) and σ(2√(2/π)(x + 0.044715x³)) is exactly 0 or 1 (from |x| ≈ 21), so clipping x to it before squaring or cubing changes no result while keeping x² and x³ finite (x³ overflows from |x| ≈ 5.6e102, x² from 1.3e154).</extracomment>
            <translation>恒等函数（线性）</translation>
        </message>
        <message>
            <source>Logistic (sigmoid)</source>
            <translation>Logistic 函数（sigmoid）</translation>
        </message>
        <message>
            <source>Tanh</source>
            <translation>Tanh 函数</translation>
        </message>
        <message>
            <source>PReLU (learned γᵢ)</source>
            <translation>PReLU（可学习的 γᵢ）</translation>
        </message>
        <message>
            <source>GELU (tanh approx.)</source>
            <translation>GELU（tanh 近似）</translation>
        </message>
        <message>
            <source>GELU (logistic approx.)</source>
            <translation>GELU（Logistic 近似）</translation>
        </message>
    </context>
    <context>
        <name>ActivationsPanel</name>
        <message>
            <source>Probe batch (heat-map)</source>
            <extracomment>Narrowest a node's column may get before the panel scrolls sideways.</extracomment>
            <translation>探测批次（热图）</translation>
        </message>
        <message>
            <source>One sample (bars)</source>
            <translation>单个样本（条形图）</translation>
        </message>
        <message>
            <source>A fixed batch of training samples (one column of pixels each), or a single sample's values as bars</source>
            <translation>一个固定的训练样本批次（每个样本一列像素），或单个样本各值的条形图</translation>
        </message>
        <message>
            <source>sample </source>
            <translation>样本 </translation>
        </message>
        <message>
            <source>Bars: each unit's value for the chosen sample. Output: the net input z, the output (p: the probability) and the error the loss sends back, dL/dz = p − y.</source>
            <translation>条形：所选样本在每个单元上的值。输出层：净输入 z、输出（p：概率）以及损失函数传回的误差 dL/dz = p − y。</translation>
        </message>
        <message>
            <source>Each column of pixels is one sample of a fixed batch (sorted by class), each row one unit. Orange &lt; 0 &lt; blue; probabilities: orange = 0, blue = 1. Output: net input z, probability p, error p − y.</source>
            <translation>每列像素是固定批次中的一个样本（按类别排序），每行是一个单元。橙色 &lt; 0 &lt; 蓝色；概率：橙色 = 0，蓝色 = 1。输出层：净输入 z、概率 p、误差 p − y。</translation>
        </message>
        <message>
            <source>logits z</source>
            <translation>logits z</translation>
        </message>
        <message>
            <source>probabilities p</source>
            <translation>概率 p</translation>
        </message>
        <message>
            <source>(inputs)</source>
            <translation>（输入）</translation>
        </message>
        <message>
            <source>unit</source>
            <translation>单元</translation>
        </message>
        <message>
            <source>sample</source>
            <translation>样本</translation>
        </message>
        <message>
            <source>{0}, unit {1}</source>
            <translation>{0}，单元 {1}</translation>
        </message>
        <message>
            <source>value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>class {0}</source>
            <translation>类别 {0}</translation>
        </message>
        <message>
            <source>target {0}</source>
            <translation>目标 {0}</translation>
        </message>
        <message>
            <source>of {0} · {1}</source>
            <translation>共 {0} 个 · {1}</translation>
        </message>
        <message>
            <source>{0} training samples</source>
            <translation>{0} 个训练样本</translation>
        </message>
    </context>
    <context>
        <name>ApplyUpdateCommand</name>
        <message>
            <source>Apply backprop update</source>
            <translation>应用反向传播更新</translation>
        </message>
    </context>
    <context>
        <name>AutosaveBanner</name>
        <message>
            <source>&lt;b&gt;Autosave is failing&lt;/b&gt;: your unsaved work is not protected against a crash.</source>
            <translation>&lt;b&gt;自动保存失败&lt;/b&gt;：您未保存的工作在程序崩溃时得不到保护。</translation>
        </message>
        <message>
            <source>Try again now</source>
            <translation>立即重试</translation>
        </message>
        <message>
            <source>Save As…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <source>Save the network to a file you choose</source>
            <translation>将网络保存到您选择的文件</translation>
        </message>
        <message>
            <source>{0}. Trying again every {1} s until it works.</source>
            <translation>{0}。每 {1} 秒重试一次，直到成功。</translation>
        </message>
    </context>
    <context>
        <name>Autosaver</name>
        <message>
            <source>Autosave failed: {0}</source>
            <extracomment>Why the last try failed; None while autosave works.</extracomment>
            <translation>自动保存失败：{0}</translation>
        </message>
    </context>
    <context>
        <name>BoundaryPanel</name>
        <message>
            <source>Colour the plane by the network's output, or by one hidden unit's output</source>
            <translation>按网络的输出或某个隐藏单元的输出给平面着色</translation>
        </message>
        <message>
            <source>Left-click on the plot adds a point of this class; right-click removes one</source>
            <translation>在图上左键单击添加一个该类的点；右键删除一个点</translation>
        </message>
        <message>
            <source>Left-click on the plot adds a point with this target value</source>
            <translation>在图上左键单击添加一个具有该目标值的点</translation>
        </message>
        <message>
            <source>Click adds</source>
            <translation>单击添加</translation>
        </message>
        <message>
            <source>Colour by</source>
            <translation>着色依据</translation>
        </message>
        <message>
            <source>Pick for stepper</source>
            <translation>选取给单步演示</translation>
        </message>
        <message>
            <source>On: a click on a point walks that sample in the Backprop stepper (Ctrl+click does so at any time)</source>
            <translation>开启时：单击一个点即在反向传播单步演示中逐步计算该样本（任何时候按住 Ctrl 单击也可以）</translation>
        </message>
        <message>
            <source>Add a point of class {0}</source>
            <translation>添加一个类别 {0} 的点</translation>
        </message>
        <message>
            <source>Add a point</source>
            <translation>添加一个点</translation>
        </message>
        <message>
            <source>Remove a point</source>
            <translation>删除一个点</translation>
        </message>
        <message>
            <source>Build a network first: the data and its decision boundary show here once it can train.</source>
            <translation>请先搭建网络：网络可以训练后，这里显示数据及其决策边界。</translation>
        </message>
        <message>
            <source>(+{0} more)</source>
            <translation>（另有 {0} 条）</translation>
        </message>
        <message>
            <source>The network cannot train yet, so there is nothing to plot:</source>
            <translation>网络还不能训练，因此没有可画的内容：</translation>
        </message>
        <message>
            <source>Nothing to plot: {0}</source>
            <translation>没有可画的内容：{0}</translation>
        </message>
        <message>
            <source>{0}: data over the network's output</source>
            <translation>{0}：数据与网络的输出</translation>
        </message>
        <message>
            <source>training</source>
            <extracomment>The RunInfo mode this view draws.</extracomment>
            <translation>训练集</translation>
        </message>
        <message>
            <source>point set</source>
            <translation>点所属集合</translation>
        </message>
        <message>
            <source>class</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>target</source>
            <translation>目标</translation>
        </message>
        <message>
            <source>{0}: fitted curve</source>
            <translation>{0}：拟合曲线</translation>
        </message>
        <message>
            <source>target y</source>
            <translation>目标 y</translation>
        </message>
        <message>
            <source>curve: {0}</source>
            <translation>曲线：{0}</translation>
        </message>
        <message>
            <source>{0}: confusion matrix on the test set</source>
            <translation>{0}：测试集上的混淆矩阵</translation>
        </message>
        <message>
            <source>{0}: confusion matrix on the training set</source>
            <translation>{0}：训练集上的混淆矩阵</translation>
        </message>
        <message>
            <source>true class</source>
            <translation>真实类别</translation>
        </message>
        <message>
            <source>predicted class</source>
            <translation>预测类别</translation>
        </message>
        <message>
            <source>predicted {0}</source>
            <translation>预测为 {0}</translation>
        </message>
        <message>
            <source>Rows: the true class, columns: the class the network predicts. {0} of {1} right ({2}); off the diagonal: mistakes.</source>
            <translation>行：真实类别；列：网络预测的类别。{1} 个中对了 {0} 个（{2}）；对角线以外是错误。</translation>
        </message>
        <message>
            <source>{0}: no picture for regression with several inputs</source>
            <extracomment>Side column width when the controls stand beside the plot.</extracomment>
            <translation>{0}：多输入的回归问题无法画成图</translation>
        </message>
        <message>
            <source>The curves panel shows how well the network fits (R²).</source>
            <translation>曲线面板显示网络的拟合程度（R²）。</translation>
        </message>
        <message>
            <source>class {0}</source>
            <translation>类别 {0}</translation>
        </message>
        <message>
            <source>test</source>
            <translation>测试集</translation>
        </message>
        <message>
            <source>mini-batch</source>
            <translation>小批量</translation>
        </message>
        <message>
            <source>network's output</source>
            <translation>网络的输出</translation>
        </message>
        <message>
            <source>the network's output</source>
            <translation>网络的输出</translation>
        </message>
        <message>
            <source>Grey points: the data (training filled, test ringed); red: the network's output for each input.</source>
            <translation>灰点：数据（训练集为实心，测试集为空心圆）；红色：网络对每个输入的输出。</translation>
        </message>
        <message>
            <source>{0}, unit {1}</source>
            <translation>{0}，单元 {1}</translation>
        </message>
        <message>
            <source>plane: {0}</source>
            <translation>平面：{0}</translation>
        </message>
        <message>
            <source>{0}, unit {1}: output</source>
            <translation>{0}，单元 {1}：输出</translation>
        </message>
        <message>
            <source>probability of class {0}</source>
            <translation>类别 {0} 的概率</translation>
        </message>
        <message>
            <source>{0}, unit {1} ({2}): its output at each point of the plane, from {3} (orange) to {4} (blue).</source>
            <translation>{0}，单元 {1}（{2}）：它在平面上每一点的输出，从 {3}（橙色）到 {4}（蓝色）。</translation>
        </message>
        <message>
            <source>Background: the network's probability of class {1}: orange = class {0}, blue = class {1}, white = undecided (the boundary). Left-click adds a point, right-click removes one.</source>
            <translation>背景：网络判为类别 {1} 的概率：橙色 = 类别 {0}，蓝色 = 类别 {1}，白色 = 难以判定（即决策边界）。左键单击添加一个点，右键删除一个点。</translation>
        </message>
        <message>
            <source>Background: the class the network predicts (its colour), paler where it is less sure. Left-click adds a point, right-click removes one.</source>
            <translation>背景：网络预测的类别（该类的颜色），越不确定颜色越浅。左键单击添加一个点，右键删除一个点。</translation>
        </message>
        <message>
            <source>Background: the network's output, orange = {0}, blue = {1}; points coloured by their target on the same scale.</source>
            <translation>背景：网络的输出，橙色 = {0}，蓝色 = {1}；点按其目标值以同一色标着色。</translation>
        </message>
        <message>
            <source>Click picks a sample for the stepper</source>
            <translation>单击选取一个样本给单步演示</translation>
        </message>
    </context>
    <context>
        <name>Canvas</name>
        <message>
            <source>1 input</source>
            <translation>1 个输入</translation>
        </message>
        <message>
            <source>{0} inputs</source>
            <translation>{0} 个输入</translation>
        </message>
        <message>
            <source>neuron</source>
            <translation>神经元</translation>
        </message>
        <message>
            <source>no loss</source>
            <translation>无损失函数</translation>
        </message>
    </context>
    <context>
        <name>CanvasEditor</name>
        <message>
            <source>This edge is already removed: press Insert (or use Restore edge) to put it back</source>
            <translation>此连接已删除：按 Insert（或使用“恢复连接”）将其恢复</translation>
        </message>
        <message>
            <source>Select a single edge first (click it)</source>
            <translation>请先选择单个连接（单击它）</translation>
        </message>
        <message>
            <source>Select nodes to copy</source>
            <translation>请选择要复制的节点</translation>
        </message>
        <message>
            <source>Copied 1 node</source>
            <translation>已复制 1 个节点</translation>
        </message>
        <message>
            <source>Copied {0} nodes</source>
            <translation>已复制 {0} 个节点</translation>
        </message>
        <message>
            <source>Nothing to paste: copy some nodes first</source>
            <translation>没有可粘贴的内容：请先复制一些节点</translation>
        </message>
        <message>
            <source>Cannot paste: {0}</source>
            <translation>无法粘贴：{0}</translation>
        </message>
        <message>
            <source>Paste 1 node</source>
            <translation>粘贴 1 个节点</translation>
        </message>
        <message>
            <source>Paste {0} nodes</source>
            <translation>粘贴 {0} 个节点</translation>
        </message>
        <message>
            <source>Cannot add this node: {0}</source>
            <translation>无法添加此节点：{0}</translation>
        </message>
    </context>
    <context>
        <name>CanvasInput</name>
        <message>
            <source>Type bias…</source>
            <translation>输入偏置…</translation>
        </message>
        <message>
            <source>Re-initialise weights</source>
            <translation>重新初始化权重</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Delete connection</source>
            <translation>删除连接</translation>
        </message>
        <message>
            <source>Paste</source>
            <translation>粘贴</translation>
        </message>
        <message>
            <source>Arrange in columns</source>
            <translation>按列排列</translation>
        </message>
        <message>
            <source>Fit to window</source>
            <translation>适应窗口</translation>
        </message>
        <message>
            <source>Restore edge</source>
            <translation>恢复连接</translation>
        </message>
        <message>
            <source>Type weight…</source>
            <translation>输入权重…</translation>
        </message>
        <message>
            <source>Remove edge</source>
            <translation>删除连接</translation>
        </message>
        <message>
            <source>Use as landscape axis w{0}</source>
            <translation>用作损失曲面的坐标轴 w{0}</translation>
        </message>
    </context>
    <context>
        <name>CanvasLink</name>
        <message>
            <source>Unit &amp;Thumbnails</source>
            <extracomment>Rows of the training set whose pre-activations the explorer shows before training. The explorer's histogram follows training at most this often (seconds).</extracomment>
            <translation>单元缩略图(&amp;T)</translation>
        </message>
        <message>
            <source>Draw each hidden unit as a small picture of its output over the input plane (2-D data); click a unit to see it large</source>
            <translation>把每个隐藏单元画成它在输入平面上的输出小图（二维数据）；单击一个单元可放大查看</translation>
        </message>
        <message>
            <source>Optimiser internals: {0}</source>
            <translation>优化器内部状态：{0}</translation>
        </message>
        <message>
            <source>training, paused at step {0}</source>
            <translation>训练中，暂停于第 {0} 步</translation>
        </message>
        <message>
            <source>Select a layer on the canvas first: its activation is the one set</source>
            <translation>请先在画布上选择一个层：设置的是它的激活函数</translation>
        </message>
        <message>
            <source>{0} already uses {1}</source>
            <translation>{0} 已在使用 {1}</translation>
        </message>
        <message>
            <source>Cannot use {0} for {1}: {2}</source>
            <translation>无法为 {1} 使用 {0}：{2}</translation>
        </message>
        <message>
            <source>Landscape axis w{0}: {1}. Now choose w{2} from another edge's right-click menu.</source>
            <translation>损失曲面坐标轴 w{0}：{1}。现在从另一个连接的右键菜单中选择 w{2}。</translation>
        </message>
        <message>
            <source>Choose two different edges for the two landscape axes</source>
            <translation>请为损失曲面的两个坐标轴选择两个不同的连接</translation>
        </message>
        <message>
            <source>Cannot use these edges: {0}</source>
            <translation>无法使用这些连接：{0}</translation>
        </message>
        <message>
            <source>Loss landscape over w₁ = {0} and w₂ = {1}</source>
            <translation>关于 w₁ = {0} 和 w₂ = {1} 的损失曲面</translation>
        </message>
    </context>
    <context>
        <name>CanvasView</name>
        <message>
            <source>Build a network</source>
            <translation>搭建一个网络</translation>
        </message>
        <message>
            <source>Drag an Input, a Layer and an Output from the palette.
Then drag from a node's right-hand port to the next node to connect them.</source>
            <translation>从组件面板拖入一个输入、一个层和一个输出。
再从节点右侧的端口拖到下一个节点，把它们连接起来。</translation>
        </message>
    </context>
    <context>
        <name>CheckBox</name>
        <message>
            <source>Your prediction, e.g. 0.25</source>
            <extracomment>Colours of the feedback line (readable in the light and the dark theme).</extracomment>
            <translation>你的预测，例如 0.25</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>检查</translation>
        </message>
        <message>
            <source>Hint</source>
            <translation>提示</translation>
        </message>
        <message>
            <source>Show answer</source>
            <translation>显示答案</translation>
        </message>
        <message>
            <source>Check my network</source>
            <translation>检查我的网络</translation>
        </message>
        <message>
            <source>The engine cannot answer this here: {0}</source>
            <translation>程序在这里无法计算这个问题：{0}</translation>
        </message>
        <message>
            <source>Type a number first.</source>
            <translation>请先输入一个数。</translation>
        </message>
        <message>
            <source>{0} is not a number.</source>
            <translation>{0} 不是一个数。</translation>
        </message>
        <message>
            <source>Right: the engine computes {0}.</source>
            <translation>正确：程序计算得到 {0}。</translation>
        </message>
        <message>
            <source>Not quite: {0} is off by more than {1}.</source>
            <translation>不太对：{0} 的误差超过 {1}。</translation>
        </message>
        <message>
            <source>Reached after {0} steps from here.</source>
            <translation>从这里出发，{0} 步后达到。</translation>
        </message>
        <message>
            <source>Not reached within {0} steps from here with these settings.</source>
            <translation>使用这些设置，从这里出发 {0} 步内未能达到。</translation>
        </message>
        <message>
            <source>Choose an answer first.</source>
            <translation>请先选择一个答案。</translation>
        </message>
        <message>
            <source>Right.</source>
            <translation>正确。</translation>
        </message>
        <message>
            <source> Try again, or take a hint.</source>
            <translation> 再试一次，或者看看提示。</translation>
        </message>
        <message>
            <source>Not quite.</source>
            <translation>不太对。</translation>
        </message>
        <message>
            <source>The answer: {0}</source>
            <translation>答案：{0}</translation>
        </message>
    </context>
    <context>
        <name>Commands</name>
        <message>
            <source>Move {0}</source>
            <translation>移动 {0}</translation>
        </message>
        <message>
            <source>Move {0} nodes</source>
            <translation>移动 {0} 个节点</translation>
        </message>
        <message>
            <source>Auto-layout</source>
            <translation>自动布局</translation>
        </message>
        <message>
            <source>Add {0}</source>
            <translation>添加 {0}</translation>
        </message>
        <message>
            <source>Remove {0}</source>
            <translation>删除 {0}</translation>
        </message>
        <message>
            <source>Connect {0} → {1}</source>
            <translation>连接 {0} → {1}</translation>
        </message>
        <message>
            <source>Add connection</source>
            <translation>添加连接组</translation>
        </message>
        <message>
            <source>Disconnect {0} → {1}</source>
            <translation>断开 {0} → {1}</translation>
        </message>
        <message>
            <source>Restore edge {0}[{1}] → {2}[{3}]</source>
            <translation>恢复连接 {0}[{1}] → {2}[{3}]</translation>
        </message>
        <message>
            <source>Remove edge {0}[{1}] → {2}[{3}]</source>
            <translation>删除连接 {0}[{1}] → {2}[{3}]</translation>
        </message>
        <message>
            <source>{0} nodes</source>
            <translation>{0} 个节点</translation>
        </message>
        <message>
            <source>a connection</source>
            <translation>一个连接组</translation>
        </message>
        <message>
            <source>{0} connections</source>
            <translation>{0} 个连接组</translation>
        </message>
        <message>
            <source>an edge</source>
            <translation>一条连接</translation>
        </message>
        <message>
            <source>{0} edges</source>
            <translation>{0} 条连接</translation>
        </message>
        <message>
            <source>Delete {0}</source>
            <translation>删除 {0}</translation>
        </message>
        <message>
            <source> and </source>
            <translation> 和 </translation>
        </message>
        <message>
            <source>Restore {0} edges {1} → {2}</source>
            <translation>恢复 {1} → {2} 的 {0} 条连接</translation>
        </message>
        <message>
            <source>Set weight {0}[{1}] → {2}[{3}] = {4}</source>
            <translation>设定权重 {0}[{1}] → {2}[{3}] = {4}</translation>
        </message>
        <message>
            <source>Set bias {0}[{1}] = {2}</source>
            <translation>设定偏置 {0}[{1}] = {2}</translation>
        </message>
        <message>
            <source>name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>units</source>
            <translation>单元数</translation>
        </message>
        <message>
            <source>activation</source>
            <translation>激活函数</translation>
        </message>
        <message>
            <source>activation parameter</source>
            <translation>激活函数参数</translation>
        </message>
        <message>
            <source>bias</source>
            <translation>偏置</translation>
        </message>
        <message>
            <source>initialiser</source>
            <translation>初始化方法</translation>
        </message>
        <message>
            <source>initial scale</source>
            <translation>初始化缩放</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>损失函数</translation>
        </message>
        <message>
            <source>kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>properties</source>
            <translation>属性</translation>
        </message>
        <message>
            <source>Change {0} of {1}</source>
            <translation>更改 {1} 的{0}</translation>
        </message>
        <message>
            <source>Re-initialise {0}</source>
            <translation>重新初始化 {0}</translation>
        </message>
        <message>
            <source>Re-initialise {0} nodes</source>
            <translation>重新初始化 {0} 个节点</translation>
        </message>
        <message>
            <source>New random weights (seed {0})</source>
            <translation>新的随机权重（种子 {0}）</translation>
        </message>
        <message>
            <source>Train 1 step (epoch {1} → {2})</source>
            <translation>训练 1 步（第 {1} 轮 → 第 {2} 轮）</translation>
        </message>
        <message>
            <source>Train {0} steps (epoch {1} → {2})</source>
            <translation>训练 {0} 步（第 {1} 轮 → 第 {2} 轮）</translation>
        </message>
    </context>
    <context>
        <name>ConnectionItem</name>
        <message>
            <source>removed edge (select it and press Delete again to restore)</source>
            <translation>已删除的连接（选中它并再次按 Delete 以恢复）</translation>
        </message>
        <message>
            <source>shown: {0:.4g}</source>
            <translation>显示值：{0:.4g}</translation>
        </message>
        <message>
            <source>double-click to type a new weight</source>
            <translation>双击以输入新的权重</translation>
        </message>
        <message>
            <source>{0} × {1} = {2:,} edges</source>
            <translation>{0} × {1} = {2:,} 个连接</translation>
        </message>
        <message>
            <source>({0:,} removed)</source>
            <translation>（已删除 {0:,} 个）</translation>
        </message>
        <message>
            <source>weights from {0:.4g} to {1:.4g}, mean |w| = {2:.4g}</source>
            <translation>权重从 {0:.4g} 到 {1:.4g}，平均 |w| = {2:.4g}</translation>
        </message>
        <message>
            <source>drawn as {0} × {1} bundles of their mean weight</source>
            <translation>绘制为 {0} × {1} 束，每束显示其平均权重</translation>
        </message>
        <message>
            <source>; zoom in for single edges</source>
            <translation>；放大可查看单个连接</translation>
        </message>
    </context>
    <context>
        <name>ConnectionPage</name>
        <message>
            <source>Restore removed edges</source>
            <translation>恢复已删除的连接</translation>
        </message>
        <message>
            <source>Delete connection</source>
            <translation>删除连接</translation>
        </message>
        <message>
            <source>{0} × {1} = {2} edges</source>
            <translation>{0} × {1} = {2} 条连接</translation>
        </message>
        <message>
            <source>, {0} removed</source>
            <translation>，已删除 {0} 条</translation>
        </message>
        <message>
            <source>Weights from {0} to {1}, mean |w| = {2}</source>
            <translation>权重从 {0} 到 {1}，平均 |w| = {2}</translation>
        </message>
        <message>
            <source>Click a single edge to see or type its weight.</source>
            <translation>单击一条连接，查看或输入它的权重。</translation>
        </message>
    </context>
    <context>
        <name>CsvBox</name>
        <message>
            <source>No file chosen</source>
            <extracomment>The data source name of a CSV file. The fill of a bad cell in the CSV preview: a red light enough to read dark text on, in either theme.</extracomment>
            <translation>未选择文件</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <source>Target column</source>
            <translation>目标列</translation>
        </message>
        <message>
            <source>Open a CSV file</source>
            <translation>打开 CSV 文件</translation>
        </message>
        <message>
            <source>“{0}” was not used.</source>
            <translation>未使用“{0}”。</translation>
        </message>
        <message>
            <source>{0} rows, {1} features, </source>
            <translation>{0} 行，{1} 个特征，</translation>
        </message>
        <message>
            <source>{0} classes</source>
            <translation>{0} 类</translation>
        </message>
        <message>
            <source>regression</source>
            <translation>回归</translation>
        </message>
        <message>
            <source>Use {0}</source>
            <translation>使用 {0}</translation>
        </message>
        <message>
            <source>{0} (in use)</source>
            <translation>{0}（正在使用）</translation>
        </message>
        <message>
            <source>No file in use</source>
            <translation>未使用文件</translation>
        </message>
    </context>
    <context>
        <name>CurvesPanel</name>
        <message>
            <source>per step</source>
            <extracomment>Above this many batch losses the faint curve is refreshed at most twice a second.</extracomment>
            <translation>按步</translation>
        </message>
        <message>
            <source>per epoch</source>
            <translation>按轮</translation>
        </message>
        <message>
            <source>Horizontal axis: mini-batch steps or epochs (passes over the training set)</source>
            <translation>横轴：小批量步数或轮数（遍历训练集的次数）</translation>
        </message>
        <message>
            <source>Log scale</source>
            <translation>对数坐标</translation>
        </message>
        <message>
            <source>Loss on a logarithmic scale: shows progress when the loss is already small</source>
            <translation>对数坐标显示损失：损失已经很小时也能看出进展</translation>
        </message>
        <message>
            <source>Mini-batch loss</source>
            <translation>小批量损失</translation>
        </message>
        <message>
            <source>The loss of each mini-batch (noisy) behind the per-epoch curves</source>
            <translation>在每轮曲线后面显示每个小批量的损失（有噪声）</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>适应</translation>
        </message>
        <message>
            <source>Show all of the curves again (after zooming or panning) and follow them</source>
            <translation>重新显示全部曲线（缩放或平移之后）并跟随更新</translation>
        </message>
        <message>
            <source>Clear earlier runs</source>
            <translation>清除以前的训练</translation>
        </message>
        <message>
            <source>Keep only the current run's curves</source>
            <translation>只保留当前这次训练的曲线</translation>
        </message>
        <message>
            <source>Loss (risk)</source>
            <translation>损失（风险）</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>损失函数</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <source>accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <source>step</source>
            <translation>步</translation>
        </message>
        <message>
            <source>Solid: training set · dashed: test set · faint: each mini-batch. Each colour is one run, labelled with its optimiser and learning rate ε.</source>
            <translation>实线：训练集 · 虚线：测试集 · 淡色：每个小批量。每种颜色是一次训练，标有它的优化器和学习率 ε。</translation>
        </message>
        <message>
            <source>epoch</source>
            <translation>轮</translation>
        </message>
        <message>
            <source>step at the end of each epoch</source>
            <translation>每轮结束时的步数</translation>
        </message>
        <message>
            <source>run {0} ({1})</source>
            <translation>运行 {0}（{1}）</translation>
        </message>
        <message>
            <source>{0}: mini-batch, in epochs</source>
            <translation>{0}：小批量，以轮计</translation>
        </message>
        <message>
            <source>{0}: mini-batch step</source>
            <translation>{0}：小批量步数</translation>
        </message>
        <message>
            <source>{0}: mini-batch loss</source>
            <translation>{0}：小批量损失</translation>
        </message>
        <message>
            <source>{0}: training loss</source>
            <translation>{0}：训练集损失</translation>
        </message>
        <message>
            <source>{0}: test loss</source>
            <translation>{0}：测试集损失</translation>
        </message>
        <message>
            <source>{0}: training {1}</source>
            <translation>{0}：训练集{1}</translation>
        </message>
        <message>
            <source>{0}: test {1}</source>
            <translation>{0}：测试集{1}</translation>
        </message>
        <message>
            <source>R² (1 = perfect fit)</source>
            <translation>R²（1 = 完全拟合）</translation>
        </message>
    </context>
    <context>
        <name>DataBox</name>
        <message>
            <source>Data</source>
            <extracomment>What an undo entry calls each data field.</extracomment>
            <translation>数据</translation>
        </message>
        <message>
            <source>CSV file…</source>
            <translation>CSV 文件…</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>数据集</translation>
        </message>
        <message>
            <source>Your own points (click the data plot to add, right-click to remove)</source>
            <translation>你自己画的点（单击数据图添加，右键删除）</translation>
        </message>
        <message>
            <source>Split</source>
            <translation>划分</translation>
        </message>
        <message>
            <source>Number of points</source>
            <translation>点的个数</translation>
        </message>
        <message>
            <source>Noise: 0 is the clean shape, 0.5 makes the classes overlap</source>
            <translation>噪声：0 为干净的形状，0.5 使各类重叠</translation>
        </message>
        <message>
            <source>Seed: the same seed draws the same points</source>
            <translation>种子：相同的种子生成相同的点</translation>
        </message>
        <message>
            <source>noise</source>
            <translation>噪声</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>种子</translation>
        </message>
        <message>
            <source>Share of the points held out to test on (never trained on)</source>
            <translation>留作测试集的样本比例（从不用于训练）</translation>
        </message>
        <message>
            <source> % test</source>
            <translation> % 测试集</translation>
        </message>
        <message>
            <source>Standardise inputs</source>
            <translation>标准化输入</translation>
        </message>
        <message>
            <source>Shift and scale each input to mean 0 and standard deviation 1 (statistics from the training part only)</source>
            <translation>平移并缩放每个输入，使其均值为 0、标准差为 1（统计量只取自训练集）</translation>
        </message>
        <message>
            <source>Feed {0} to the network as an input unit</source>
            <translation>把 {0} 作为一个输入单元送入网络</translation>
        </message>
        <message>
            <source>Inputs</source>
            <translation>输入</translation>
        </message>
        <message>
            <source>Change {0}</source>
            <translation>修改 {0}</translation>
        </message>
        <message>
            <source>Use {0}</source>
            <translation>使用 {0}</translation>
        </message>
    </context>
    <context>
        <name>DivergenceBanner</name>
        <message>
            <source>Training is paused; the network keeps the last weights that were still finite.</source>
            <translation>训练已暂停；网络保留最后一组仍为有限值的权重。</translation>
        </message>
        <message>
            <source>Learning rate ÷ 10</source>
            <translation>学习率 ÷ 10</translation>
        </message>
        <message>
            <source>Reset weights</source>
            <translation>重置权重</translation>
        </message>
        <message>
            <source>&lt;b&gt;Training diverged&lt;/b&gt; at step {0} (epoch {1}).</source>
            <translation>&lt;b&gt;训练发散&lt;/b&gt;于第 {0} 步（第 {1} 轮）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;What helps:&lt;/b&gt; {0}</source>
            <translation>&lt;b&gt;可以这样做：&lt;/b&gt;{0}</translation>
        </message>
    </context>
    <context>
        <name>EdgeOverlay</name>
        <message>
            <source>Edges: {0}</source>
            <translation>连接：{0}</translation>
        </message>
        <message>
            <source>overlay</source>
            <translation>叠加</translation>
        </message>
        <message>
            <source>magenta &lt; 0 &lt; green; wider: larger |value|</source>
            <translation>品红 &lt; 0 &lt; 绿；越宽：|值| 越大</translation>
        </message>
        <message>
            <source>log scale; wider: larger value</source>
            <translation>对数刻度；越宽：值越大</translation>
        </message>
    </context>
    <context>
        <name>EdgePage</name>
        <message>
            <source>The weight of this edge (Enter to set; arrows step by 0.1)</source>
            <translation>这条连接的权重（按 Enter 设定；箭头每次改变 0.1）</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>权重</translation>
        </message>
        <message>
            <source>Edge {0} [{1}] → {2} [{3}]</source>
            <translation>连接 {0} [{1}] → {2} [{3}]</translation>
        </message>
        <message>
            <source>From unit {0} of {1} to unit {2} of {3}: the weight W[{2}, {0}] of connection {4}.</source>
            <translation>从 {1} 的单元 {0} 到 {3} 的单元 {2}：连接组 {4} 的权重 W[{2}, {0}]。</translation>
        </message>
        <message>
            <source>removed: this edge is not part of the network</source>
            <translation>已删除：这条连接不属于网络</translation>
        </message>
        <message>
            <source>exactly {0}</source>
            <translation>精确值 {0}</translation>
        </message>
        <message>
            <source>Restore edge</source>
            <translation>恢复连接</translation>
        </message>
        <message>
            <source>Remove edge</source>
            <translation>删除连接</translation>
        </message>
        <message>
            <source>Put this single edge back (Insert)</source>
            <translation>恢复这一条连接（Insert）</translation>
        </message>
        <message>
            <source>Take this single edge out of the network (Delete)</source>
            <translation>从网络中删除这一条连接（Delete）</translation>
        </message>
    </context>
    <context>
        <name>EmptyPage</name>
        <message>
            <source>Nothing selected</source>
            <translation>未选中任何对象</translation>
        </message>
        <message>
            <source>Click a node, a unit or a single edge on the canvas to see and change it here. Drag on empty canvas to select several nodes.</source>
            <translation>在画布上单击一个节点、单元或单条连接，即可在这里查看和修改。在画布空白处拖动可以选择多个节点。</translation>
        </message>
    </context>
    <context>
        <name>Examples</name>
        <message>
            <source>The lecture's linear neuron y = wx + b (w = 0.8, b = 0.2), squared error: x = 1.5, y = 0.8 gives L = 0.18, dL/dw = 0.9, dL/db = 0.6.</source>
            <extracomment>Horizontal distance between columns on the canvas, in scene pixels. The lecture network's fixed weights, W[j, i] = w_ij from unit i to unit j (rows: units 4, 5, 6 resp. 7, 8, 9; columns: units 1, 2, 3 resp. 4, 5, 6). A sample to trace through it (the designer's stepper may start from it).</extracomment>
            <translation>讲义中的线性神经元 y = wx + b（w = 0.8，b = 0.2），平方误差：x = 1.5，y = 0.8 时 L = 0.18，dL/dw = 0.9，dL/db = 0.6。</translation>
        </message>
        <message>
            <source>One logistic neuron f = σ(wx + b) with w = 0, b = 0: the lecture's computation graph h1..h6, where df/dw = 0.25 at x = 1.</source>
            <translation>一个 Logistic 神经元 f = σ(wx + b)，w = 0，b = 0：讲义中的计算图 h1..h6，x = 1 时 df/dw = 0.25。</translation>
        </message>
        <message>
            <source>The lecture's 3-3-3 network: inputs 1-3, logistic hidden units 4-6 and outputs 7-9, squared error; follow dL/dw47 and dL/dw14 step by step.</source>
            <translation>讲义中的 3-3-3 网络：输入 1-3，Logistic 隐藏单元 4-6，输出 7-9，平方误差；逐步跟踪 dL/dw47 和 dL/dw14。</translation>
        </message>
        <message>
            <source>XOR: no straight line separates it, four tanh hidden units bend the boundary (2-4-1, binary cross-entropy).</source>
            <translation>异或（XOR）：没有一条直线能把它分开，四个 tanh 隐藏单元把决策边界弯曲（2-4-1，二分类交叉熵）。</translation>
        </message>
        <message>
            <source>Two interleaved spirals: the hardest toy set, learned by two tanh layers of 16 (2-16-16-1).</source>
            <translation>两条交错的螺旋：最难的玩具数据集，由两层各 16 个单元的 tanh 层学会（2-16-16-1）。</translation>
        </message>
        <message>
            <source>Handwritten 8x8 digits, standardised: 64 inputs, 32 tanh units, 10 softmax outputs with cross-entropy; about 96% on the test set in a second.</source>
            <translation>8×8 手写数字，已标准化：64 个输入，32 个 tanh 单元，10 个 softmax 输出，交叉熵损失；约一秒内在测试集上达到约 96% 的准确率。</translation>
        </message>
    </context>
    <context>
        <name>ExportMenu</name>
        <message>
            <source>Network as &amp;NumPy…</source>
            <extracomment>Format -&gt; (file kind, suffix added to the stem): PyTorch's file must not shadow the NumPy one.</extracomment>
            <translation>将网络导出为 &amp;NumPy…</translation>
        </message>
        <message>
            <source>Network as &amp;PyTorch…</source>
            <translation>将网络导出为 &amp;PyTorch…</translation>
        </message>
        <message>
            <source>Network as &amp;ONNX…</source>
            <translation>将网络导出为 &amp;ONNX…</translation>
        </message>
        <message>
            <source>Training &amp;History as CSV…</source>
            <translation>将训练历史导出为 CSV(&amp;H)…</translation>
        </message>
        <message>
            <source>Every run's loss per step and scores per epoch, as a table</source>
            <translation>每次运行每一步的损失和每一轮的得分，保存为表格</translation>
        </message>
        <message>
            <source>&amp;Plots</source>
            <translation>图表(&amp;P)</translation>
        </message>
        <message>
            <source>ONNX is not installed</source>
            <translation>未安装 ONNX</translation>
        </message>
        <message>
            <source>Exporting to ONNX needs the onnx package, which is not installed. Install it with

{0}

then start Backprop Studio again.</source>
            <translation>导出为 ONNX 需要 onnx 软件包，但它尚未安装。请用以下命令安装：

{0}

然后重新启动 Backprop Studio。</translation>
        </message>
        <message>
            <source>Export network</source>
            <translation>导出网络</translation>
        </message>
        <message>
            <source>Exported {0}</source>
            <translation>已导出 {0}</translation>
        </message>
        <message>
            <source>No training history</source>
            <translation>没有训练历史</translation>
        </message>
        <message>
            <source>Nothing has been trained yet: there is no history to export.</source>
            <translation>尚未进行任何训练：没有可导出的历史。</translation>
        </message>
        <message>
            <source>Export training history</source>
            <translation>导出训练历史</translation>
        </message>
    </context>
    <context>
        <name>FileController</name>
        <message>
            <source>Do you want to save the changes to “{0}” before closing?</source>
            <extracomment>Where Revert reloads from: the file, or the example it started as. How load and save errors reach the person: ``(title, text, details)``. A message box by default; the ``--screenshot`` run prints instead.</extracomment>
            <translation>关闭前要保存对“{0}”的更改吗？</translation>
        </message>
        <message>
            <source>Do you want to save the changes to “{0}” before starting a new network?</source>
            <translation>新建网络前要保存对“{0}”的更改吗？</translation>
        </message>
        <message>
            <source>Do you want to save the changes to “{0}” before opening another network?</source>
            <translation>打开其他网络前要保存对“{0}”的更改吗？</translation>
        </message>
        <message>
            <source>Do you want to save the changes to “{0}” before recovering?</source>
            <translation>恢复前要保存对“{0}”的更改吗？</translation>
        </message>
        <message>
            <source>Do you want to save the changes to “{0}” before {1}?</source>
            <translation>在{1}之前要保存对“{0}”的更改吗？</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>未保存的更改</translation>
        </message>
        <message>
            <source>If you don't save, your changes will be lost.</source>
            <translation>如果不保存，您的更改将会丢失。</translation>
        </message>
        <message>
            <source>Don't Save</source>
            <translation>不保存</translation>
        </message>
        <message>
            <source>New network</source>
            <translation>新网络</translation>
        </message>
        <message>
            <source>Open network</source>
            <translation>打开网络</translation>
        </message>
        <message>
            <source>Backprop Studio networks (*.ffn)</source>
            <translation>Backprop Studio 网络 (*.ffn)</translation>
        </message>
        <message>
            <source>Cannot open file</source>
            <translation>无法打开文件</translation>
        </message>
        <message>
            <source>“{0}” could not be opened.</source>
            <translation>无法打开“{0}”。</translation>
        </message>
        <message>
            <source>Could not open {0}</source>
            <translation>无法打开 {0}</translation>
        </message>
        <message>
            <source>Opened the example {0}</source>
            <translation>已打开示例 {0}</translation>
        </message>
        <message>
            <source>Opened {0}</source>
            <translation>已打开 {0}</translation>
        </message>
        <message>
            <source>Recovered unsaved work</source>
            <translation>已恢复未保存的工作</translation>
        </message>
        <message>
            <source>Save network as</source>
            <translation>网络另存为</translation>
        </message>
        <message>
            <source>Cannot save file</source>
            <translation>无法保存文件</translation>
        </message>
        <message>
            <source>“{0}” could not be saved.</source>
            <translation>无法保存“{0}”。</translation>
        </message>
        <message>
            <source>Saved {0}</source>
            <translation>已保存 {0}</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>还原</translation>
        </message>
        <message>
            <source>Discard all changes to “{0}” and reload it?</source>
            <translation>放弃对“{0}”的所有更改并重新载入吗？</translation>
        </message>
        <message>
            <source>This cannot be undone.</source>
            <translation>此操作无法撤销。</translation>
        </message>
        <message>
            <source>Reverted to the saved {0}</source>
            <translation>已还原为保存的 {0}</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>PNG 图片 (*.png)</translation>
        </message>
        <message>
            <source>SVG drawing (*.svg)</source>
            <translation>SVG 矢量图 (*.svg)</translation>
        </message>
        <message>
            <source>Export diagram as {0}</source>
            <translation>将图导出为 {0}</translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>无法导出</translation>
        </message>
        <message>
            <source>“{0}” could not be written.</source>
            <translation>无法写入“{0}”。</translation>
        </message>
        <message>
            <source>Exported {0}</source>
            <translation>已导出 {0}</translation>
        </message>
        <message>
            <source>Recover unsaved work</source>
            <translation>恢复未保存的工作</translation>
        </message>
        <message>
            <source>Backprop Studio did not close properly last time. Recover {0}?</source>
            <translation>Backprop Studio 上次未正常关闭。要恢复 {0} 吗？</translation>
        </message>
        <message>
            <source>The recovered network opens with its changes unsaved; save it to keep it.</source>
            <translation>恢复的网络打开后其更改尚未保存；请保存以保留它。</translation>
        </message>
        <message>
            <source>Recover</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Not Now</source>
            <translation>暂不</translation>
        </message>
        <message>
            <source>Cannot recover</source>
            <translation>无法恢复</translation>
        </message>
        <message>
            <source>The autosaved work could not be read; it is kept for a later try.</source>
            <translation>无法读取自动保存的工作；它会保留下来供以后再试。</translation>
        </message>
    </context>
    <context>
        <name>GradientsPanel</name>
        <message>
            <source>Log scale</source>
            <translation>对数坐标</translation>
        </message>
        <message>
            <source>Gradient norms span many orders of magnitude when they vanish or explode</source>
            <translation>梯度消失或梯度爆炸时，梯度的范数跨越许多数量级</translation>
        </message>
        <message>
            <source>Gradient norm ‖∂L/∂W‖ per connection</source>
            <translation>每个连接的梯度范数 ‖∂L/∂W‖</translation>
        </message>
        <message>
            <source>norm</source>
            <translation>范数</translation>
        </message>
        <message>
            <source>step</source>
            <translation>步</translation>
        </message>
        <message>
            <source>Units passing almost no gradient (probe batch)</source>
            <translation>几乎不传递梯度的单元（探测批次）</translation>
        </message>
        <message>
            <source>units</source>
            <translation>单元数</translation>
        </message>
        <message>
            <source>Grey: all units of a layer; red: saturated (logistic/tanh output near its bound on ≥ {0:.0%} of the probe samples, so f′ ≈ 0) or dead (ReLU with z ≤ 0 on every sample).</source>
            <translation>灰色：一层的所有单元；红色：饱和（在 ≥ {0:.0%} 的探测样本上 Logistic/tanh 输出接近其边界，因此 f′ ≈ 0）或死亡（ReLU 在每个样本上 z ≤ 0）。</translation>
        </message>
        <message>
            <source>‖∂L/∂W‖ {0}</source>
            <translation>‖∂L/∂W‖ {0}</translation>
        </message>
        <message>
            <source>layer</source>
            <translation>层</translation>
        </message>
        <message>
            <source>units passing almost no gradient</source>
            <translation>几乎不传递梯度的单元数</translation>
        </message>
        <message>
            <source>{0} of {1} saturated</source>
            <translation>{1} 个中 {0} 个饱和</translation>
        </message>
        <message>
            <source>{0} of {1} dead</source>
            <translation>{1} 个中 {0} 个死亡</translation>
        </message>
    </context>
    <context>
        <name>InternalsWidget</name>
        <message>
            <source>No optimiser yet.</source>
            <extracomment>Combo entries in the lecture's order: key of core.lab.INTERNAL_QUANTITIES, or None for "off". Quantities whose values have a sign (a diverging colour scale suits them).</extracomment>
            <translation>还没有优化器。</translation>
        </message>
        <message>
            <source>From the network</source>
            <translation>取自网络</translation>
        </message>
        <message>
            <source>The document's optimiser at the current weights, with the gradient of the whole training set</source>
            <translation>文档中的优化器在当前权重处的状态，以及整个训练集的梯度</translation>
        </message>
        <message>
            <source> steps</source>
            <translation> 步</translation>
        </message>
        <message>
            <source>Warm up</source>
            <translation>预热</translation>
        </message>
        <message>
            <source>Train a copy of the network for this many steps first, so the optimiser's state has a history (the document is not changed)</source>
            <translation>先用网络的副本训练这么多步，让优化器的状态有一段历史（文档不会改变）</translation>
        </message>
        <message>
            <source>Colour edges by</source>
            <translation>连接着色依据</translation>
        </message>
        <message>
            <source>Optimiser</source>
            <translation>优化器</translation>
        </message>
        <message>
            <source>The network changed: press From the network or Warm up.</source>
            <translation>网络已改变：请按“取自网络”或“预热”。</translation>
        </message>
        <message>
            <source>No network.</source>
            <translation>没有网络。</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
    </context>
    <context>
        <name>JobBar</name>
        <message>
            <source>Cancel</source>
            <extracomment>Jobs whose worker still runs: kept alive here so no Python object a thread uses is collected.</extracomment>
            <translation>取消</translation>
        </message>
        <message>
            <source>Stop this computation</source>
            <translation>停止这项计算</translation>
        </message>
    </context>
    <context>
        <name>LandscapeWidget</name>
        <message>
            <source>The lecture's network y = σ(w₂ σ(w₁ x))</source>
            <extracomment>Each surface's title, by :attr:`core.lab.SurfaceResult.kind`.</extracomment>
            <translation>讲义中的网络 y = σ(w₂ σ(w₁ x))</translation>
        </message>
        <message>
            <source>This network (two edges or two random directions)</source>
            <translation>这个网络（两条连接或两个随机方向）</translation>
        </message>
        <message>
            <source>Updates each optimiser makes</source>
            <translation>每个优化器更新的次数</translation>
        </message>
        <message>
            <source>Landscape</source>
            <translation>损失曲面</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>步数</translation>
        </message>
        <message>
            <source>Computing…</source>
            <translation>正在计算…</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>Choose two edges or random directions, then Compute.</source>
            <translation>选择两条连接或两个随机方向，然后按“计算”。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Neither surface is convex.&lt;/b&gt; Squared error has flat plateaus where the output neuron saturates (σ′ ≈ 0): plain gradient steps crawl there, while the adaptive methods divide by √r and keep moving. Cross-entropy's output gradient ŷ − y does not vanish when the output is confidently wrong. ★ start, ● end.</source>
            <translation>&lt;b&gt;两个曲面都不是凸的。&lt;/b&gt;平方误差在输出神经元饱和（σ′ ≈ 0）处有平坦的高原：普通的梯度下降在那里走得很慢，而自适应学习率方法除以 √r 后仍能前进。交叉熵的输出梯度 ŷ − y 在输出错得很自信时不会消失。★ 起点，● 终点。</translation>
        </message>
        <message>
            <source>The loss of this network on its training set, around the current weights (centre). ★ start, ● end of each optimiser's run, projected on the picture's plane.</source>
            <translation>这个网络在其训练集上的损失，以当前权重为中心。★ 起点，● 每个优化器的终点，投影到图所在的平面上。</translation>
        </message>
    </context>
    <context>
        <name>LecturePage</name>
        <message>
            <source>Where every optimiser starts; or click a plot</source>
            <translation>所有优化器的起点；也可以单击图</translation>
        </message>
        <message>
            <source>The plots show w₁ and w₂ from −span to +span</source>
            <translation>图中 w₁ 和 w₂ 的范围为 −跨度 到 +跨度</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>数据</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>起点</translation>
        </message>
        <message>
            <source>Span ±</source>
            <translation>跨度 ±</translation>
        </message>
        <message>
            <source>GD and SGD use plain steps; Momentum and the adaptive methods use every example per step, so only their update rules differ. Click a plot to start everyone there.</source>
            <translation>梯度下降和随机梯度下降使用普通的步长；动量法和自适应学习率方法每步使用全部样本，因此它们只在更新规则上不同。单击图，让所有优化器从那里开始。</translation>
        </message>
    </context>
    <context>
        <name>LessonDriver</name>
        <message>
            <source>No such file: {0}</source>
            <extracomment>Most training steps a ``run`` action sends to the training process. The sample the lesson chose (``sample`` action); None: the network file's own.</extracomment>
            <translation>没有这个文件：{0}</translation>
        </message>
        <message>
            <source>The network was not opened.</source>
            <translation>网络没有打开。</translation>
        </message>
        <message>
            <source>No panel called {0}</source>
            <translation>没有名为 {0} 的面板</translation>
        </message>
        <message>
            <source>Lesson: training settings</source>
            <translation>课程：训练设置</translation>
        </message>
        <message>
            <source>The stepper could not start this walk.</source>
            <translation>步进器无法开始这次逐步计算。</translation>
        </message>
    </context>
    <context>
        <name>LessonsPanel</name>
        <message>
            <source>Open lesson…</source>
            <extracomment>Text sizes offered (points), for a laptop up to a projector.</extracomment>
            <translation>打开课程…</translation>
        </message>
        <message>
            <source>Open a lesson file (.md) from disk; you can also drop one here</source>
            <translation>从磁盘打开课程文件（.md）；也可以把文件拖放到这里</translation>
        </message>
        <message>
            <source>The language of the lesson's text</source>
            <translation>课程文字的语言</translation>
        </message>
        <message>
            <source>{0} pt</source>
            <translation>{0} 磅</translation>
        </message>
        <message>
            <source>Text size (larger for a projector)</source>
            <translation>文字大小（投影时调大）</translation>
        </message>
        <message>
            <source>Choose a lesson…</source>
            <translation>选择一节课程…</translation>
        </message>
        <message>
            <source>The lessons, with the checks you passed in each</source>
            <translation>各节课程，以及每节中你已通过的检查</translation>
        </message>
        <message>
            <source>◀ Back</source>
            <translation>◀ 上一步</translation>
        </message>
        <message>
            <source>Restart step</source>
            <translation>重做这一步</translation>
        </message>
        <message>
            <source>Do this step's actions again (reopening its network) and clear its answer</source>
            <translation>重新执行这一步的操作（重新打开它的网络），并清除答案</translation>
        </message>
        <message>
            <source>Next ▶</source>
            <translation>下一步 ▶</translation>
        </message>
        <message>
            <source>Lessons</source>
            <translation>课程</translation>
        </message>
        <message>
            <source>The lecture, step by step. Choose a lesson above: each step shows the network and the panel it talks about and ends with a question the program checks.

Open your own lesson with **Open lesson…** or drop a lesson file here.</source>
            <translation>逐步学习讲义。在上方选择一节课程：每一步都会显示它讲到的网络和面板，并以一个由程序检查的问题结束。

用 **打开课程…** 打开你自己的课程，或把课程文件拖放到这里。</translation>
        </message>
        <message>
            <source>Open lesson</source>
            <translation>打开课程</translation>
        </message>
        <message>
            <source>Lessons (*.md);;All files (*)</source>
            <translation>课程 (*.md);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Line {0}: {1}: {2}</source>
            <translation>第 {0} 行：{1}：{2}</translation>
        </message>
        <message>
            <source>Step {0} of {1}</source>
            <translation>第 {0} 步，共 {1} 步</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Opened</source>
            <translation>已打开</translation>
        </message>
        <message>
            <source>New random weights: seed {0}</source>
            <translation>新的随机权重：种子 {0}</translation>
        </message>
        <message>
            <source>The language changes when Backprop Studio starts again.</source>
            <translation>重新启动 Backprop Studio 后切换语言。</translation>
        </message>
        <message>
            <source>About {0}</source>
            <translation>关于 {0}</translation>
        </message>
    </context>
    <context>
        <name>MultiPage</name>
        <message>
            <source>Re-initialise their weights</source>
            <translation>重新初始化它们的权重</translation>
        </message>
        <message>
            <source>{0} nodes selected</source>
            <translation>已选中 {0} 个节点</translation>
        </message>
        <message>
            <source>Drag one of them to move them all; Delete removes them.</source>
            <translation>拖动其中一个即可一起移动；按 Delete 删除它们。</translation>
        </message>
    </context>
    <context>
        <name>NetworkPage</name>
        <message>
            <source>two edges</source>
            <extracomment>Where the network comes from: the panel's document's spec, or None.</extracomment>
            <translation>两条连接</translation>
        </message>
        <message>
            <source>two random directions (filter-normalised)</source>
            <translation>两个随机方向（按滤波器归一化）</translation>
        </message>
        <message>
            <source>Seed of the two random directions</source>
            <translation>两个随机方向的种子</translation>
        </message>
        <message>
            <source>Half-width of the picture: in weight values along edges, in multiples of the weights' norm along random directions</source>
            <translation>图的半宽：沿连接方向以权重为单位，沿随机方向以权重范数的倍数为单位</translation>
        </message>
        <message>
            <source>Grid points per side (each is one loss evaluation on the training set)</source>
            <translation>每边的网格点数（每个点在训练集上计算一次损失）</translation>
        </message>
        <message>
            <source>m, the mini-batch size of the mini-batch lanes</source>
            <translation>m，小批量赛道的批量大小</translation>
        </message>
        <message>
            <source>Compute</source>
            <translation>计算</translation>
        </message>
        <message>
            <source>Axes</source>
            <translation>坐标轴</translation>
        </message>
        <message>
            <source>Random seed</source>
            <translation>随机种子</translation>
        </message>
        <message>
            <source>Span ±</source>
            <translation>跨度 ±</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>网格</translation>
        </message>
        <message>
            <source>Mini-batch size m</source>
            <translation>小批量大小 m</translation>
        </message>
        <message>
            <source>Every optimiser trains all weights from the current point; its path is projected on the plane of the picture, whose surface holds every other weight fixed.</source>
            <translation>每个优化器从当前点训练所有权重；它的路径投影到图所在的平面上，图中的曲面固定其他所有权重。</translation>
        </message>
        <message>
            <source>x axis</source>
            <translation>x 轴</translation>
        </message>
        <message>
            <source>y axis</source>
            <translation>y 轴</translation>
        </message>
        <message>
            <source>The connection the edge belongs to</source>
            <translation>该连接所属的连接组</translation>
        </message>
        <message>
            <source>Unit i of the connection's source (counting from 0)</source>
            <translation>连接起点的第 i 个单元（从 0 开始计数）</translation>
        </message>
        <message>
            <source>Unit j of the connection's target (counting from 0)</source>
            <translation>连接终点的第 j 个单元（从 0 开始计数）</translation>
        </message>
        <message>
            <source>from unit</source>
            <translation>从单元</translation>
        </message>
        <message>
            <source>to unit</source>
            <translation>到单元</translation>
        </message>
    </context>
    <context>
        <name>NewConnectionInteraction</name>
        <message>
            <source>Drop on another node to connect; Esc cancels</source>
            <translation>拖放到另一个节点上以连接；Esc 取消</translation>
        </message>
        <message>
            <source>Cannot connect: {0}</source>
            <translation>无法连接：{0}</translation>
        </message>
        <message>
            <source>Release to connect {0} → {1}</source>
            <translation>松开以连接 {0} → {1}</translation>
        </message>
        <message>
            <source>No connection: drop the line on another node</source>
            <translation>未连接：请把线拖放到另一个节点上</translation>
        </message>
        <message>
            <source>Connected {0} → {1} ({2} weights)</source>
            <translation>已连接 {0} → {1}（{2} 个权重）</translation>
        </message>
        <message>
            <source>Connection cancelled</source>
            <translation>已取消连接</translation>
        </message>
    </context>
    <context>
        <name>NodeItem</name>
        <message>
            <source>{0}: output port
Drag from here to another node to connect</source>
            <translation>{0}：输出端口
从这里拖到另一个节点以连接</translation>
        </message>
        <message>
            <source>{0}: input port
Drag from here to the node that should feed it</source>
            <translation>{0}：输入端口
从这里拖到为它提供输入的节点</translation>
        </message>
        <message>
            <source>{0} · unit {1}</source>
            <translation>{0} · 单元 {1}</translation>
        </message>
        <message>
            <source>its value comes from the data</source>
            <translation>它的值来自数据</translation>
        </message>
        <message>
            <source>z and a show once the network runs on a sample</source>
            <translation>网络在一个样本上运行后显示 z 和 a</translation>
        </message>
        <message>
            <source>no bias</source>
            <translation>无偏置</translation>
        </message>
    </context>
    <context>
        <name>NodePage</name>
        <message>
            <source>a name for this node</source>
            <extracomment>The output activation each cross-entropy needs.</extracomment>
            <translation>此节点的名称</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Changing the units keeps every weight that still fits</source>
            <translation>修改单元数时，保留所有仍然适用的权重</translation>
        </message>
        <message>
            <source>Units</source>
            <translation>单元数</translation>
        </message>
        <message>
            <source>Activation</source>
            <translation>激活函数</translation>
        </message>
        <message>
            <source>each unit adds a bias b</source>
            <translation>每个单元加上偏置 b</translation>
        </message>
        <message>
            <source>Bias</source>
            <translation>偏置</translation>
        </message>
        <message>
            <source>None</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Choosing cross-entropy also picks the output activation it needs</source>
            <translation>选择交叉熵损失时，也会选择它所需的输出激活函数</translation>
        </message>
        <message>
            <source>How fresh weights into this node are drawn</source>
            <translation>如何抽取进入此节点的新权重</translation>
        </message>
        <message>
            <source>Initialiser</source>
            <translation>初始化方法</translation>
        </message>
        <message>
            <source>Multiplies the spread of the initialiser (the bound a for Uniform)</source>
            <translation>乘以初始化的分布宽度（均匀分布时为界 a）</translation>
        </message>
        <message>
            <source>Init scale</source>
            <translation>初始化尺度</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>损失函数</translation>
        </message>
        <message>
            <source>The bias of the selected unit (Enter to set)</source>
            <translation>所选单元的偏置（按 Enter 设定）</translation>
        </message>
        <message>
            <source>Unit bias</source>
            <translation>单元偏置</translation>
        </message>
        <message>
            <source>Re-initialise weights</source>
            <translation>重新初始化权重</translation>
        </message>
        <message>
            <source>Fresh weights into this node and its biases (undoable)</source>
            <translation>重新初始化进入此节点的权重和它的偏置（可撤销）</translation>
        </message>
        <message>
            <source>Features</source>
            <translation>特征数</translation>
        </message>
        <message>
            <source>1 weight comes in</source>
            <translation>输入 1 个权重</translation>
        </message>
        <message>
            <source>{0} weights come in</source>
            <translation>输入 {0} 个权重</translation>
        </message>
        <message>
            <source>none (the data's features)</source>
            <translation>无（数据的特征）</translation>
        </message>
        <message>
            <source>1 bias</source>
            <translation>1 个偏置</translation>
        </message>
        <message>
            <source>{0} biases</source>
            <translation>{0} 个偏置</translation>
        </message>
        <message>
            <source>Parameters: {0}.</source>
            <translation>参数：{0}。</translation>
        </message>
        <message>
            <source>Bias of unit {0}</source>
            <translation>单元 {0} 的偏置</translation>
        </message>
        <message>
            <source>{0} needs a {1} output: the loss is now squared error</source>
            <translation>{0}需要 {1} 输出：损失函数已改为平方误差</translation>
        </message>
        <message>
            <source>The {0} loss needs a {1} output: activation set to {1}</source>
            <translation>{0}损失需要 {1} 输出：激活函数已设为 {1}</translation>
        </message>
    </context>
    <context>
        <name>NormBars</name>
        <message>
            <source>Gradient norm ‖∂R/∂W⁽ˡ⁾‖ per layer</source>
            <translation>每层的梯度范数 ‖∂R/∂W⁽ˡ⁾‖</translation>
        </message>
        <message>
            <source>at initialisation</source>
            <translation>初始化时</translation>
        </message>
        <message>
            <source>gradient norm (log scale)</source>
            <translation>梯度范数（对数刻度）</translation>
        </message>
        <message>
            <source>layer l (input side → output)</source>
            <translation>第 l 层（输入侧 → 输出）</translation>
        </message>
    </context>
    <context>
        <name>Palette</name>
        <message>
            <source>Input</source>
            <extracomment>What each palette entry adds (the Layer's units come from its spin box).</extracomment>
            <translation>输入</translation>
        </message>
        <message>
            <source>Neuron</source>
            <translation>神经元</translation>
        </message>
        <message>
            <source>Layer</source>
            <translation>层</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>输出</translation>
        </message>
        <message>
            <source>One unit per feature of the data</source>
            <translation>数据的每个特征对应一个单元</translation>
        </message>
        <message>
            <source>A single unit: z = Σ wᵢxᵢ + b, a = f(z)</source>
            <translation>单个单元：z = Σ wᵢxᵢ + b，a = f(z)</translation>
        </message>
        <message>
            <source>A group of units sharing one activation</source>
            <translation>一组共用一个激活函数的单元</translation>
        </message>
        <message>
            <source>The prediction, with its loss</source>
            <translation>预测，以及它的损失函数</translation>
        </message>
        <message>
            <source>Drag onto the canvas, or double-click to add it in the middle of the view</source>
            <translation>拖到画布上，或双击把它添加到视图中央</translation>
        </message>
        <message>
            <source>Drag onto the canvas, then drag from a node's right port to another node to connect them.</source>
            <translation>拖到画布上，再从节点右侧的端口拖到另一个节点，把它们连接起来。</translation>
        </message>
    </context>
    <context>
        <name>PaletteEntry</name>
        <message>
            <source>units</source>
            <translation>单元数</translation>
        </message>
        <message>
            <source>How many units the new layer gets (over 32 it is drawn as a block)</source>
            <translation>新层的单元数（超过 32 个时画成一个方块）</translation>
        </message>
    </context>
    <context>
        <name>Panels</name>
        <message>
            <source>Palette</source>
            <extracomment>Every panel's title, for the translators: docks show them translated (context "Panels").</extracomment>
            <translation>组件</translation>
        </message>
        <message>
            <source>Properties</source>
            <translation>属性</translation>
        </message>
        <message>
            <source>History</source>
            <translation>历史记录</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>训练</translation>
        </message>
        <message>
            <source>Data and boundary</source>
            <translation>数据与决策边界</translation>
        </message>
        <message>
            <source>Curves</source>
            <translation>曲线</translation>
        </message>
        <message>
            <source>Activations</source>
            <translation>活性值</translation>
        </message>
        <message>
            <source>Weights</source>
            <translation>权重</translation>
        </message>
        <message>
            <source>Gradients</source>
            <translation>梯度</translation>
        </message>
        <message>
            <source>Backprop stepper</source>
            <translation>反向传播单步演示</translation>
        </message>
        <message>
            <source>Optimiser race</source>
            <translation>优化器比赛</translation>
        </message>
        <message>
            <source>Loss landscape</source>
            <translation>损失曲面</translation>
        </message>
        <message>
            <source>Optimiser internals</source>
            <translation>优化器内部状态</translation>
        </message>
        <message>
            <source>Activation explorer</source>
            <translation>激活函数浏览器</translation>
        </message>
        <message>
            <source>Vanishing gradients</source>
            <translation>梯度消失</translation>
        </message>
        <message>
            <source>Lessons</source>
            <translation>课程</translation>
        </message>
    </context>
    <context>
        <name>PlateauBanner</name>
        <message>
            <source>&lt;b&gt;The loss is hardly falling&lt;/b&gt;</source>
            <translation>&lt;b&gt;损失几乎不再下降&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Learning rate {0:g} → {1:g}</source>
            <translation>学习率 {0:g} → {1:g}</translation>
        </message>
    </context>
    <context>
        <name>PlotExport</name>
        <message>
            <source>the picture could not be encoded</source>
            <extracomment>PNG pixels per screen pixel: sharp on slides and high-DPI screens (as the diagram's export). Where the next file dialog opens: the folder of the last export (this session).</extracomment>
            <translation>无法编码图片</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>PNG 图片 (*.png)</translation>
        </message>
        <message>
            <source>SVG drawing (*.svg)</source>
            <translation>SVG 矢量图 (*.svg)</translation>
        </message>
        <message>
            <source>CSV table (*.csv)</source>
            <translation>CSV 表格 (*.csv)</translation>
        </message>
        <message>
            <source>Python file (*.py)</source>
            <translation>Python 文件 (*.py)</translation>
        </message>
        <message>
            <source>ONNX model (*.onnx)</source>
            <translation>ONNX 模型 (*.onnx)</translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>无法导出</translation>
        </message>
        <message>
            <source>“{0}” could not be written: {1}</source>
            <translation>无法写入“{0}”：{1}</translation>
        </message>
        <message>
            <source>there is no plot to export yet</source>
            <translation>还没有可导出的图表</translation>
        </message>
        <message>
            <source>curve {0}</source>
            <translation>曲线 {0}</translation>
        </message>
    </context>
    <context>
        <name>PlotExporter</name>
        <message>
            <source>Export plot…</source>
            <translation>导出图表…</translation>
        </message>
        <message>
            <source>Save this plot as a PNG picture or an SVG drawing</source>
            <translation>将此图表保存为 PNG 图片或 SVG 矢量图</translation>
        </message>
        <message>
            <source>Export data as CSV…</source>
            <translation>将数据导出为 CSV…</translation>
        </message>
        <message>
            <source>Save the plotted values as a table for a spreadsheet</source>
            <translation>将图中的数值保存为表格，可用电子表格打开</translation>
        </message>
        <message>
            <source>Export plot</source>
            <extracomment>Where (global) the last right click opened the menu; read once by the next export.</extracomment>
            <translation>导出图表</translation>
        </message>
        <message>
            <source>Nothing to export</source>
            <translation>没有可导出的内容</translation>
        </message>
        <message>
            <source>Nothing is plotted here yet: train the network, or run the panel, first.</source>
            <translation>这里还没有绘制任何内容：请先训练网络或运行此面板。</translation>
        </message>
        <message>
            <source>Export data as CSV</source>
            <translation>将数据导出为 CSV</translation>
        </message>
        <message>
            <source>Exported {0}</source>
            <translation>已导出 {0}</translation>
        </message>
    </context>
    <context>
        <name>PropertiesPanel</name>
        <message>
            <source>Xavier (Glorot) uniform</source>
            <translation>Xavier (Glorot) 均匀分布</translation>
        </message>
        <message>
            <source>Xavier (Glorot) normal</source>
            <translation>Xavier (Glorot) 正态分布</translation>
        </message>
        <message>
            <source>He normal</source>
            <translation>He 正态分布</translation>
        </message>
        <message>
            <source>He uniform</source>
            <translation>He 均匀分布</translation>
        </message>
        <message>
            <source>LeCun normal</source>
            <translation>LeCun 正态分布</translation>
        </message>
        <message>
            <source>LeCun uniform</source>
            <translation>LeCun 均匀分布</translation>
        </message>
        <message>
            <source>Uniform U(−a, a)</source>
            <translation>均匀分布 U(−a, a)</translation>
        </message>
        <message>
            <source>Zeros</source>
            <translation>全零</translation>
        </message>
        <message>
            <source>γ (slope for x &lt; 0)</source>
            <translation>γ（x &lt; 0 时的斜率）</translation>
        </message>
        <message>
            <source>γ (start value, learned)</source>
            <translation>γ（初始值，可学习）</translation>
        </message>
        <message>
            <source>γ (scale for x &lt; 0)</source>
            <translation>γ（x &lt; 0 时的缩放）</translation>
        </message>
        <message>
            <source>Squared error</source>
            <translation>平方误差</translation>
        </message>
        <message>
            <source>Softmax cross-entropy</source>
            <translation>Softmax 交叉熵</translation>
        </message>
        <message>
            <source>Binary cross-entropy</source>
            <translation>二元交叉熵</translation>
        </message>
        <message>
            <source>Input</source>
            <translation>输入</translation>
        </message>
        <message>
            <source>Neuron</source>
            <translation>神经元</translation>
        </message>
        <message>
            <source>Layer</source>
            <translation>层</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>输出</translation>
        </message>
        <message>
            <source>Re-initialise all weights</source>
            <translation>重新初始化所有权重</translation>
        </message>
        <message>
            <source>Draw every weight afresh from its initialiser (with the seed); undoable</source>
            <translation>用各自的初始化方法（和种子）重新抽取所有权重；可撤销</translation>
        </message>
        <message>
            <source>New random weights</source>
            <translation>新的随机权重</translation>
        </message>
        <message>
            <source>Draw every weight with the next seed: another start for training (undoable; the seed is saved with the file)</source>
            <translation>用下一个种子抽取所有权重：换一个训练起点（可撤销；种子随文件保存）</translation>
        </message>
        <message>
            <source>Network: {0} nodes, {1} connections, {2} trainable parameters; initial weights from seed {3}.</source>
            <translation>网络：{0} 个节点，{1} 组连接，{2} 个可训练参数；初始权重来自种子 {3}。</translation>
        </message>
    </context>
    <context>
        <name>RacePlot</name>
        <message>
            <source>updates (steps)</source>
            <extracomment>The x axes a race can be drawn against (English; translated where shown, context "RacePlot").</extracomment>
            <translation>更新次数（步）</translation>
        </message>
        <message>
            <source>epochs (examples seen ÷ training-set size)</source>
            <translation>轮（已见样本数 ÷ 训练集大小）</translation>
        </message>
        <message>
            <source>wall time of the lane (s)</source>
            <translation>该赛道的实际用时（秒）</translation>
        </message>
        <message>
            <source>Loss on the whole training set</source>
            <translation>整个训练集上的损失</translation>
        </message>
        <message>
            <source>loss R(θ)</source>
            <translation>损失 R(θ)</translation>
        </message>
        <message>
            <source>(diverged)</source>
            <translation>（已发散）</translation>
        </message>
    </context>
    <context>
        <name>RaceWidget</name>
        <message>
            <source>Optimisers (tick to race)</source>
            <extracomment>Hyper-parameters that make the default race informative on a small network.</extracomment>
            <translation>优化器（勾选参赛）</translation>
        </message>
        <message>
            <source>All lanes start from the network's current weights and draw the same shuffled examples; lanes with the same batch size see identical mini-batches.</source>
            <translation>所有赛道都从网络的当前权重出发，抽取同样打乱顺序的样本；批量大小相同的赛道看到完全相同的小批量。</translation>
        </message>
        <message>
            <source>m, the mini-batch size of the mini-batch lanes (GD uses every example, SGD one)</source>
            <translation>m，小批量赛道的批量大小（梯度下降使用全部样本，随机梯度下降使用一个）</translation>
        </message>
        <message>
            <source>Updates each lane makes</source>
            <translation>每个赛道更新的次数</translation>
        </message>
        <message>
            <source>Seed of the shuffling: the order of the examples, the same for every lane</source>
            <translation>打乱顺序的种子：样本的顺序，对每个赛道都相同</translation>
        </message>
        <message>
            <source>The table counts the steps until the whole training-set loss first falls to this value</source>
            <translation>表中统计整个训练集的损失第一次降到此值所用的步数</translation>
        </message>
        <message>
            <source>log scale</source>
            <translation>对数坐标</translation>
        </message>
        <message>
            <source>mini-batch losses</source>
            <translation>小批量损失</translation>
        </message>
        <message>
            <source>Also draw each step's mini-batch loss, faint: the noise SGD lives with</source>
            <translation>同时淡淡地画出每一步的小批量损失：随机梯度下降所带的噪声</translation>
        </message>
        <message>
            <source>Cancelled at step {0} of {1}.</source>
            <translation>已在第 {0} 步（共 {1} 步）取消。</translation>
        </message>
        <message>
            <source>The race stopped: {0}</source>
            <translation>竞赛已停止：{0}</translation>
        </message>
        <message>
            <source>Slow the race down to watch it in a lecture</source>
            <translation>放慢比赛，便于课堂观看</translation>
        </message>
        <message>
            <source>Mini-batch size m</source>
            <translation>小批量大小 m</translation>
        </message>
        <message>
            <source>Steps per lane</source>
            <translation>每个赛道的步数</translation>
        </message>
        <message>
            <source>Shuffle seed</source>
            <translation>打乱顺序的种子</translation>
        </message>
        <message>
            <source>Target loss</source>
            <translation>目标损失</translation>
        </message>
        <message>
            <source>Pace</source>
            <translation>节奏</translation>
        </message>
        <message>
            <source>Race</source>
            <translation>比赛</translation>
        </message>
        <message>
            <source>No network</source>
            <translation>没有网络</translation>
        </message>
        <message>
            <source>▶ Run race</source>
            <translation>▶ 开始比赛</translation>
        </message>
        <message>
            <source>Build a new race from the current weights and run it</source>
            <translation>从当前权重建立新的比赛并运行</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清除</translation>
        </message>
        <message>
            <source>x axis:</source>
            <translation>横轴：</translation>
        </message>
        <message>
            <source>The network or data changed: Run to race the new one.</source>
            <translation>网络或数据已改变：按“开始比赛”重新比赛。</translation>
        </message>
        <message>
            <source>No network to race.</source>
            <translation>没有可比赛的网络。</translation>
        </message>
        <message>
            <source>Tick at least one optimiser.</source>
            <translation>请至少勾选一个优化器。</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>继续</translation>
        </message>
    </context>
    <context>
        <name>Recoverable</name>
        <message>
            <source>an untitled network</source>
            <extracomment>After a failed autosave, the next try comes this soon (and again, until one succeeds).</extracomment>
            <translation>一个未命名的网络</translation>
        </message>
        <message>
            <source>{0} (autosaved {1})</source>
            <translation>{0}（自动保存于 {1}）</translation>
        </message>
    </context>
    <context>
        <name>ResultsTable</name>
        <message>
            <source>Optimiser</source>
            <extracomment>The results table's headers and their tooltips (English; translated in ``set_headers``).</extracomment>
            <translation>优化器</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>步数</translation>
        </message>
        <message>
            <source>Train loss</source>
            <translation>训练损失</translation>
        </message>
        <message>
            <source>Train {m}</source>
            <translation>训练 {m}</translation>
        </message>
        <message>
            <source>Test loss</source>
            <translation>测试损失</translation>
        </message>
        <message>
            <source>Test {m}</source>
            <translation>测试 {m}</translation>
        </message>
        <message>
            <source>Steps to ≤ {t}</source>
            <translation>降到 ≤ {t} 的步数</translation>
        </message>
        <message>
            <source>Time (s)</source>
            <translation>用时（秒）</translation>
        </message>
        <message>
            <source>Optimiser and its learning rate ε (m: mini-batch size)</source>
            <translation>优化器及其学习率 ε（m：小批量大小）</translation>
        </message>
        <message>
            <source>Updates made</source>
            <translation>已做的更新次数</translation>
        </message>
        <message>
            <source>Risk on the whole training set</source>
            <translation>整个训练集上的风险</translation>
        </message>
        <message>
            <source>Score on the whole training set</source>
            <translation>整个训练集上的得分</translation>
        </message>
        <message>
            <source>Risk on the test set</source>
            <translation>测试集上的风险</translation>
        </message>
        <message>
            <source>Score on the test set</source>
            <translation>测试集上的得分</translation>
        </message>
        <message>
            <source>First recorded step at which the whole training-set loss was at or below the target</source>
            <translation>整个训练集的损失首次达到或低于目标时记录的步数</translation>
        </message>
        <message>
            <source>Time spent computing this lane's steps</source>
            <translation>计算该赛道各步所用的时间</translation>
        </message>
        <message>
            <source>acc.</source>
            <translation>准确率</translation>
        </message>
        <message>
            <source>{0} (diverged)</source>
            <translation>{0}（已发散）</translation>
        </message>
        <message>
            <source>diverged</source>
            <translation>已发散</translation>
        </message>
    </context>
    <context>
        <name>SampleError</name>
        <message>
            <source>Type the {0}: {1} number.</source>
            <translation>请键入{0}：{1} 个数。</translation>
        </message>
        <message>
            <source>Type the {0}: {1} numbers.</source>
            <translation>请键入{0}：{1} 个数。</translation>
        </message>
        <message>
            <source>The {0}'s value {1}, {2}, is not a number.</source>
            <translation>{0}的第 {1} 个值 {2} 不是数。</translation>
        </message>
        <message>
            <source>The {0}'s value {1}, {2}, is not a finite number.</source>
            <translation>{0}的第 {1} 个值 {2} 不是有限的数。</translation>
        </message>
        <message>
            <source>input</source>
            <extracomment>What parse_values reads, as its messages name it.</extracomment>
            <translation>输入值</translation>
        </message>
        <message>
            <source>target</source>
            <translation>目标</translation>
        </message>
        <message>
            <source>The {0} needs {1} number; {2} were typed.</source>
            <translation>{0}需要 {1} 个数；键入了 {2} 个。</translation>
        </message>
        <message>
            <source>The {0} needs {1} numbers; {2} was typed.</source>
            <translation>{0}需要 {1} 个数；键入了 {2} 个。</translation>
        </message>
        <message>
            <source>The {0} needs {1} numbers; {2} were typed.</source>
            <translation>{0}需要 {1} 个数；键入了 {2} 个。</translation>
        </message>
    </context>
    <context>
        <name>SampleList</name>
        <message>
            <source>train</source>
            <extracomment>The two parts of the data, as the ``which`` of ``sample_picked(row, which)``. The parts' names in the list's second column.</extracomment>
            <translation>训练集</translation>
        </message>
        <message>
            <source>test</source>
            <translation>测试集</translation>
        </message>
        <message>
            <source>set</source>
            <translation>集合</translation>
        </message>
        <message>
            <source>inputs x</source>
            <translation>输入 x</translation>
        </message>
        <message>
            <source>target</source>
            <translation>目标</translation>
        </message>
        <message>
            <source>Row number within its part (training or test)</source>
            <translation>在所属部分（训练集或测试集）中的行号</translation>
        </message>
        <message>
            <source>train: a training row; test: a held-out test row</source>
            <translation>train：训练集的一行；test：留出的测试集的一行</translation>
        </message>
        <message>
            <source>The inputs the network sees (after derived features and standardising)</source>
            <translation>网络看到的输入（经过派生特征和标准化之后）</translation>
        </message>
        <message>
            <source>The class, or the target value</source>
            <translation>类别，或目标值</translation>
        </message>
        <message>
            <source>class {0}</source>
            <translation>类别 {0}</translation>
        </message>
    </context>
    <context>
        <name>SamplePicker</name>
        <message>
            <source>The dataset's samples (training rows, then test rows): select one to walk it. A click on a point of the Data-and-boundary plot picks it too.</source>
            <translation>数据集的样本（先是训练集的行，然后是测试集的行）：选择一个即可逐步计算。在“数据与决策边界”图上单击一个点也可以选取它。</translation>
        </message>
        <message>
            <source>Dataset row</source>
            <translation>数据集中的行</translation>
        </message>
        <message>
            <source>Typed values</source>
            <translation>输入的值</translation>
        </message>
        <message>
            <source>Walk a row of the training set, or values you type</source>
            <translation>逐步计算训练集中的一行，或你输入的值</translation>
        </message>
        <message>
            <source>Which row (0-based) of the training or test set to walk</source>
            <translation>要逐步计算的训练集或测试集的行（从 0 开始）</translation>
        </message>
        <message>
            <source>training set</source>
            <translation>训练集</translation>
        </message>
        <message>
            <source>test set</source>
            <translation>测试集</translation>
        </message>
        <message>
            <source>Walk a row of the training set or of the held-out test set</source>
            <translation>逐步计算训练集或留出的测试集中的一行</translation>
        </message>
        <message>
            <source>Random</source>
            <translation>随机</translation>
        </message>
        <message>
            <source>Pick a random training-set row</source>
            <translation>随机选取训练集中的一行</translation>
        </message>
        <message>
            <source>input, e.g. 1, 0.5, −1</source>
            <translation>输入，例如 1, 0.5, −1</translation>
        </message>
        <message>
            <source>target, e.g. 1, 0, 0 (empty: ∂ŷ/∂ŷ = 1)</source>
            <translation>目标，例如 1, 0, 0（留空：∂ŷ/∂ŷ = 1）</translation>
        </message>
        <message>
            <source>Start walk</source>
            <translation>开始逐步计算</translation>
        </message>
        <message>
            <source>Take a fresh snapshot of the network and walk this sample</source>
            <translation>取网络的新快照，并逐步计算这个样本</translation>
        </message>
        <message>
            <source>row</source>
            <translation>行</translation>
        </message>
        <message>
            <source>of the</source>
            <translation>，数据来自</translation>
        </message>
        <message>
            <source>Sample:</source>
            <translation>样本：</translation>
        </message>
        <message>
            <source>The dataset cannot be used: {0}</source>
            <translation>无法使用数据集：{0}</translation>
        </message>
        <message>
            <source>Type the target: {0} numbers (without one, only a single-output network can be walked from ∂ŷ/∂ŷ = 1).</source>
            <translation>请键入目标：{0} 个数（没有目标时，只有单输出的网络能从 ∂ŷ/∂ŷ = 1 开始逐步计算）。</translation>
        </message>
        <message>
            <source>typed input, no target</source>
            <translation>键入的输入，无目标</translation>
        </message>
        <message>
            <source>typed values</source>
            <translation>键入的值</translation>
        </message>
        <message>
            <source>The dataset cannot be used ({0}); type the values instead.</source>
            <translation>无法使用数据集（{0}）；请改为键入数值。</translation>
        </message>
        <message>
            <source>The training set is empty.</source>
            <translation>训练集是空的。</translation>
        </message>
        <message>
            <source>The test set is empty.</source>
            <translation>测试集是空的。</translation>
        </message>
        <message>
            <source>The training set has rows 0 to {0}.</source>
            <translation>训练集的行号为 0 到 {0}。</translation>
        </message>
        <message>
            <source>The test set has rows 0 to {0}.</source>
            <translation>测试集的行号为 0 到 {0}。</translation>
        </message>
        <message>
            <source>The dataset has {0} inputs; the network takes {1}.</source>
            <translation>数据集有 {0} 个输入；网络需要 {1} 个。</translation>
        </message>
        <message>
            <source>training row {0}</source>
            <translation>训练集第 {0} 行</translation>
        </message>
        <message>
            <source>test row {0}</source>
            <translation>测试集第 {0} 行</translation>
        </message>
    </context>
    <context>
        <name>ScalarGraphView</name>
        <message>
            <source>The selected unit's elementary operations, as in the lecture's figure: each box's value (forward) and gradient (backward); the local derivative on each arrow</source>
            <translation>所选单元的基本运算，如讲义中的图：每个方框的值（前向）和梯度（反向）；每个箭头上是局部导数</translation>
        </message>
        <message>
            <source>No elementary graph for this unit.</source>
            <translation>这个单元没有基本运算图。</translation>
        </message>
        <message>
            <source>value {0}</source>
            <translation>值 {0}</translation>
        </message>
        <message>
            <source>gradient ?</source>
            <translation>梯度 ?</translation>
        </message>
    </context>
    <context>
        <name>SettingsBox</name>
        <message>
            <source>Training</source>
            <extracomment>The batch size stored for "all" (full-batch gradient descent): larger than any dataset here.</extracomment>
            <translation>训练</translation>
        </message>
        <message>
            <source>Optimiser</source>
            <translation>优化器</translation>
        </message>
        <message>
            <source>all (full batch)</source>
            <translation>全部（批量梯度下降）</translation>
        </message>
        <message>
            <source>Samples per gradient step: 1 = stochastic gradient descent, all = full-batch gradient descent (set 0)</source>
            <translation>每个梯度下降步的样本数：1 = 随机梯度下降，全部 = 批量梯度下降（设为 0）</translation>
        </message>
        <message>
            <source>Batch size</source>
            <translation>批量大小</translation>
        </message>
        <message>
            <source>λ of the L2 penalty λ/2 ‖W‖² (weight decay); 0 = none</source>
            <translation>L2 正则化项 λ/2 ‖W‖² 的 λ（权重衰减）；0 = 不使用</translation>
        </message>
        <message>
            <source>Change L2 λ</source>
            <translation>修改 L2 λ</translation>
        </message>
        <message>
            <source>until stopped</source>
            <translation>直到停止</translation>
        </message>
        <message>
            <source>Play trains this many epochs, then stops (0: until you pause)</source>
            <translation>开始后训练这么多轮，然后停止（0：直到你暂停）</translation>
        </message>
        <message>
            <source>Change epochs</source>
            <translation>修改轮数</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>轮数</translation>
        </message>
        <message>
            <source>off</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Early stopping: stop once the test loss (the training loss without a test set) has not improved for this many epochs, and keep the weights of its best epoch (off: train all the epochs)</source>
            <translation>提前停止：测试集损失（没有测试集时为训练集损失）连续这么多轮没有改进时停止训练，并保留最好一轮的权重（关闭：训练全部轮数）</translation>
        </message>
        <message>
            <source> epochs</source>
            <translation> 轮</translation>
        </message>
        <message>
            <source>Change early stopping</source>
            <translation>修改提前停止</translation>
        </message>
        <message>
            <source>Stop early</source>
            <translation>提前停止</translation>
        </message>
        <message>
            <source>Change {0}</source>
            <translation>修改 {0}</translation>
        </message>
        <message>
            <source>Use {0}</source>
            <translation>使用 {0}</translation>
        </message>
        <message>
            <source>Change batch size</source>
            <translation>修改批量大小</translation>
        </message>
    </context>
    <context>
        <name>StepCard</name>
        <message>
            <source>&lt;i&gt;No walk in progress.&lt;/i&gt; Pick a sample (a row of the list, a point on the data plot with Ctrl+click, or typed values) and press &lt;b&gt;Start walk&lt;/b&gt;.</source>
            <extracomment>What the card says when no walk is in progress: how to start one.</extracomment>
            <translation>&lt;i&gt;没有正在进行的逐步计算。&lt;/i&gt;选择一个样本（列表中的一行、数据图上按住 Ctrl 单击的一个点，或键入的数值），然后按&lt;b&gt;开始逐步计算&lt;/b&gt;。</translation>
        </message>
        <message>
            <source>the paths meet here: term by term</source>
            <extracomment>The caption over a step's terms, by the kind of step.</extracomment>
            <translation>各条路径在此汇合：逐项列出</translation>
        </message>
        <message>
            <source>the sum over the outputs it reaches, term by term</source>
            <translation>对它到达的各个输出求和：逐项列出</translation>
        </message>
        <message>
            <source>the products, term by term</source>
            <translation>各个乘积：逐项列出</translation>
        </message>
        <message>
            <source>the loss per output</source>
            <translation>每个输出的损失</translation>
        </message>
        <message>
            <source>Nothing computed yet. Press &lt;b&gt;Step forward&lt;/b&gt; ({0}) to compute the first value.</source>
            <translation>还没有计算任何值。按&lt;b&gt;前进一步&lt;/b&gt;（{0}）计算第一个值。</translation>
        </message>
        <message>
            <source>local {0} × upstream {1} = &lt;b&gt;{2}&lt;/b&gt;</source>
            <translation>局部导数 {0} × 上游梯度 {1} = &lt;b&gt;{2}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>no target (∂ŷ/∂ŷ = 1)</source>
            <translation>无目标（∂ŷ/∂ŷ = 1）</translation>
        </message>
        <message>
            <source>{0} level</source>
            <translation>{0}层级</translation>
        </message>
        <message>
            <source>step {0} of {1}</source>
            <translation>第 {0} 步，共 {1} 步</translation>
        </message>
        <message>
            <source>terms</source>
            <translation>各项</translation>
        </message>
        <message>
            <source>… {0} more (in the table)</source>
            <translation>… 还有 {0} 项（见表格）</translation>
        </message>
        <message>
            <source>via {0}</source>
            <translation>经由 {0}</translation>
        </message>
        <message>
            <source>→ result =</source>
            <translation>→ 结果 =</translation>
        </message>
        <message>
            <source>local derivative =</source>
            <translation>局部导数 =</translation>
        </message>
        <message>
            <source>⟨{0}×{1} matrix⟩</source>
            <translation>⟨{0}×{1} 矩阵⟩</translation>
        </message>
    </context>
    <context>
        <name>StepOverlay</name>
        <message>
            <source>{0} paths meet here; their terms add up:</source>
            <translation>{0} 条路径在此汇合，各项相加：</translation>
        </message>
        <message>
            <source>(via {0})</source>
            <translation>（经由 {0}）</translation>
        </message>
        <message>
            <source>… {0} more</source>
            <translation>… 还有 {0} 项</translation>
        </message>
        <message>
            <source>sum → {0}</source>
            <translation>和 → {0}</translation>
        </message>
    </context>
    <context>
        <name>StepSession</name>
        <message>
            <source>{0} ({1}), update number {2}</source>
            <translation>{0}（{1}），第 {2} 次更新</translation>
        </message>
    </context>
    <context>
        <name>StepTable</name>
        <message>
            <source>Phase</source>
            <translation>阶段</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>位置</translation>
        </message>
        <message>
            <source>Formula</source>
            <translation>公式</translation>
        </message>
        <message>
            <source>With numbers</source>
            <translation>代入数值</translation>
        </message>
        <message>
            <source>Local</source>
            <translation>局部导数</translation>
        </message>
        <message>
            <source>Upstream</source>
            <translation>上游梯度</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>乘积</translation>
        </message>
        <message>
            <source>The local derivative of this step's op</source>
            <translation>这一步运算的局部导数</translation>
        </message>
        <message>
            <source>The gradient arriving from above (∂L/∂ of the op's output)</source>
            <translation>从上游传来的梯度（损失对该运算输出的 ∂L/∂）</translation>
        </message>
        <message>
            <source>local × upstream: the chain rule's product</source>
            <translation>局部导数 × 上游梯度：链式法则中的乘积</translation>
        </message>
        <message>
            <source>local {0} × upstream {1} = {2}</source>
            <translation>局部导数 {0} × 上游梯度 {1} = {2}</translation>
        </message>
        <message>
            <source>(matrix: see the card)</source>
            <translation>（矩阵：见卡片）</translation>
        </message>
        <message>
            <source>Parameter</source>
            <translation>参数</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>规则</translation>
        </message>
        <message>
            <source>New value</source>
            <translation>新值</translation>
        </message>
    </context>
    <context>
        <name>StepperPanel</name>
        <message>
            <source>FORWARD</source>
            <extracomment>Shortcuts (window-wide; chosen not to clash with the canvas's Ctrl+=/Ctrl+-/Delete/Ctrl+Z nor training's Space/F10/F11/Ctrl+Shift+R). The phases' names on the card (upper case, as the walk's headings).</extracomment>
            <translation>前向</translation>
        </message>
        <message>
            <source>LOSS</source>
            <translation>损失</translation>
        </message>
        <message>
            <source>BACKWARD</source>
            <translation>反向</translation>
        </message>
        <message>
            <source>UPDATE</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>forward</source>
            <extracomment>The phases' names in the table's Phase column (lower case, as core names them).</extracomment>
            <translation>前向</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>损失函数</translation>
        </message>
        <message>
            <source>backward</source>
            <translation>反向</translation>
        </message>
        <message>
            <source>update</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>Neuron</source>
            <translation>神经元</translation>
        </message>
        <message>
            <source>Op</source>
            <translation>运算</translation>
        </message>
        <message>
            <source>Scalar</source>
            <translation>标量</translation>
        </message>
        <message>
            <source>unit {0}</source>
            <translation>单元 {0}</translation>
        </message>
        <message>
            <source>No walk yet: fix the sample above, then press Start walk.</source>
            <translation>还没有逐步计算：请先修正上面的样本，再按“开始逐步计算”。</translation>
        </message>
        <message>
            <source>&lt;b&gt;The walk ended.&lt;/b&gt; {0} Press &lt;b&gt;Start walk&lt;/b&gt; to walk the network as it is now.</source>
            <translation>&lt;b&gt;逐步计算已结束。&lt;/b&gt;{0} 按&lt;b&gt;开始逐步计算&lt;/b&gt;，对现在的网络重新逐步计算。</translation>
        </message>
        <message>
            <source>Update applied (Edit ▸ Undo restores the weights). This walk is the same sample on the new weights.</source>
            <translation>已应用更新（编辑 ▸ 撤销可恢复权重）。现在逐步计算的是同一个样本在新权重上的结果。</translation>
        </message>
    </context>
    <context>
        <name>SurfacePlot</name>
        <message>
            <source>loss</source>
            <extracomment>Pale at low loss, dark at high: the coloured paths stay visible everywhere. Below this width the legend would cover the surface; the colour swatches beside each optimiser's name in the controls still tell them apart.</extracomment>
            <translation>损失函数</translation>
        </message>
    </context>
    <context>
        <name>Trace</name>
        <message>
            <source>input {0}</source>
            <translation>输入 {0}</translation>
        </message>
        <message>
            <source>activation of {0}: {1} (computed by the fused loss op)</source>
            <translation>{0} 的活性值：{1}（由融合的损失运算计算）</translation>
        </message>
        <message>
            <source>activation of {0}: {1}</source>
            <translation>{0} 的活性值：{1}</translation>
        </message>
        <message>
            <source>structural risk: the loss plus L2 weight decay (biases excluded)</source>
            <translation>结构化风险：损失加上 L2 权重衰减（不含偏置）</translation>
        </message>
        <message>
            <source>net input of {0}</source>
            <translation>{0} 的净输入</translation>
        </message>
        <message>
            <source>δ of output {0} ({1} fused with its activation: ŷ − y)</source>
            <translation>输出 {0} 的误差项 δ（{1} 与其激活函数融合：ŷ − y）</translation>
        </message>
        <message>
            <source>δ of output {0} (softmax: every output's path meets here)</source>
            <translation>输出 {0} 的误差项 δ（softmax：每个输出的路径在此汇合）</translation>
        </message>
        <message>
            <source>δ of output {0}</source>
            <translation>输出 {0} 的误差项 δ</translation>
        </message>
        <message>
            <source>δ of {0}: f'(z) times the sum over its {1} outgoing edge</source>
            <translation>隐藏层单元 {0} 的误差项 δ：f′(z) 乘以 {1} 条出边之和</translation>
        </message>
        <message>
            <source>δ of {0}: f'(z) times the sum over its {1} outgoing edges</source>
            <translation>隐藏层单元 {0} 的误差项 δ：f′(z) 乘以 {1} 条出边之和</translation>
        </message>
        <message>
            <source>gradient of the weight {0} → {1}, summed over the {2} paths through {1}</source>
            <translation>权重 {0} → {1} 的梯度，对经过 {1} 的 {2} 条路径求和</translation>
        </message>
        <message>
            <source>gradient of the weight {0} → {1}</source>
            <translation>权重 {0} → {1} 的梯度</translation>
        </message>
        <message>
            <source>gradient of the bias of {0}</source>
            <translation>{0} 的偏置的梯度</translation>
        </message>
        <message>
            <source>gradient of PReLU's learned γ of {0}</source>
            <translation>{0} 的 PReLU 可学习参数 γ 的梯度</translation>
        </message>
        <message>
            <source>structural risk with L2 weight decay</source>
            <translation>带 L2 权重衰减的结构化风险</translation>
        </message>
        <message>
            <source>chain rule through {0}; this is δ = ∂{1}/∂{2}</source>
            <translation>经过 {0} 的链式法则；这就是误差项 δ = ∂{1}/∂{2}</translation>
        </message>
        <message>
            <source>chain rule through {0}</source>
            <translation>经过 {0} 的链式法则</translation>
        </message>
        <message>
            <source>{0} paths meet at {1}: their gradients add up</source>
            <translation>{0} 条路径在 {1} 汇合：它们的梯度相加</translation>
        </message>
        <message>
            <source>gradient of {0}: the chain of local derivatives</source>
            <translation>{0} 的梯度：局部导数的连乘</translation>
        </message>
        <message>
            <source>logistic of {0}: multiply by −1</source>
            <translation>{0} 的 Logistic 函数：乘以 −1</translation>
        </message>
        <message>
            <source>logistic of {0}: exp</source>
            <translation>{0} 的 Logistic 函数：exp</translation>
        </message>
        <message>
            <source>logistic of {0}: add 1</source>
            <translation>{0} 的 Logistic 函数：加 1</translation>
        </message>
        <message>
            <source>logistic of {0}: reciprocal</source>
            <translation>{0} 的 Logistic 函数：取倒数</translation>
        </message>
        <message>
            <source>identity activation of {0}</source>
            <translation>{0} 的恒等激活函数</translation>
        </message>
        <message>
            <source>tanh activation of {0}</source>
            <translation>{0} 的 tanh 激活函数</translation>
        </message>
        <message>
            <source>ReLU activation of {0}</source>
            <translation>{0} 的 ReLU 激活函数</translation>
        </message>
        <message>
            <source>{0} activation of {1} (fused with the loss)</source>
            <translation>{1} 的激活函数 {0}（与损失融合）</translation>
        </message>
        <message>
            <source>{0} activation of {1}</source>
            <translation>{1} 的激活函数 {0}</translation>
        </message>
        <message>
            <source>softmax output {0} (fused with the loss)</source>
            <translation>softmax 输出 {0}（与损失融合）</translation>
        </message>
        <message>
            <source>softmax output {0}</source>
            <translation>softmax 输出 {0}</translation>
        </message>
        <message>
            <source>sum of the products into {0}</source>
            <translation>进入 {0} 的乘积之和</translation>
        </message>
        <message>
            <source>{0} has no inputs and no bias</source>
            <translation>{0} 没有输入，也没有偏置</translation>
        </message>
        <message>
            <source>no target: the backward pass starts from ∂ŷ/∂ŷ = 1 (f is the network's output)</source>
            <translation>没有目标：反向传播从 ∂ŷ/∂ŷ = 1 开始（f 是网络的输出）</translation>
        </message>
        <message>
            <source>{0} update of {1} (previewed, not applied)</source>
            <translation>{0} 对 {1} 的更新（预览，未应用）</translation>
        </message>
        <message>
            <source>{0} op of {1}</source>
            <translation>{1} 的 {0} 运算</translation>
        </message>
        <message>
            <source>matmul of connection {0}: {1} → {2}</source>
            <translation>连接 {0} 的矩阵乘法：{1} → {2}</translation>
        </message>
        <message>
            <source>matmul of connection {0}, backward (adds to a gradient another path already wrote)</source>
            <translation>连接 {0} 的矩阵乘法，反向（加到另一条路径已写入的梯度上）</translation>
        </message>
        <message>
            <source>matmul of connection {0}, backward</source>
            <translation>连接 {0} 的矩阵乘法，反向</translation>
        </message>
        <message>
            <source>product on the edge {0} → {1}</source>
            <translation>边 {0} → {1} 上的乘积</translation>
        </message>
        <message>
            <source>bias add of {0}</source>
            <translation>{0} 加上偏置</translation>
        </message>
        <message>
            <source>bias add of {0}, backward</source>
            <translation>{0} 加上偏置，反向</translation>
        </message>
        <message>
            <source>bias of {0} (no inputs)</source>
            <translation>{0} 的偏置（没有输入）</translation>
        </message>
        <message>
            <source>add the bias of {0}</source>
            <translation>加上 {0} 的偏置</translation>
        </message>
        <message>
            <source>softmax of {0}, backward (its Jacobian times the upstream gradient)</source>
            <translation>{0} 的 softmax，反向（其雅可比矩阵乘以上游梯度）</translation>
        </message>
        <message>
            <source>activation of {0}, backward: {1}</source>
            <translation>{0} 的激活函数，反向：{1}</translation>
        </message>
        <message>
            <source>PReLU's learned γ of {0}</source>
            <translation>{0} 的 PReLU 可学习参数 γ</translation>
        </message>
        <message>
            <source>the loss op</source>
            <translation>损失运算</translation>
        </message>
        <message>
            <source>no target: the backward pass starts from ∂ŷ/∂ŷ = 1</source>
            <translation>没有目标：反向传播从 ∂ŷ/∂ŷ = 1 开始</translation>
        </message>
        <message>
            <source>loss derivative by output {0}</source>
            <translation>损失对输出 {0} 的导数</translation>
        </message>
        <message>
            <source>squared error ½‖ŷ − y‖²</source>
            <translation>平方误差 ½‖ŷ − y‖²</translation>
        </message>
        <message>
            <source>squared error: ∂L/∂ŷ = ŷ − y</source>
            <translation>平方误差：∂L/∂ŷ = ŷ − y</translation>
        </message>
        <message>
            <source>squared error, derivative by output {0}</source>
            <translation>平方误差对输出 {0} 的导数</translation>
        </message>
        <message>
            <source>activation of {0} (done by the fused loss op)</source>
            <translation>{0} 的激活函数（由融合的损失运算完成）</translation>
        </message>
        <message>
            <source>activation of {0} (computed by the fused loss op), backward</source>
            <translation>{0} 的激活函数（由融合的损失运算计算），反向</translation>
        </message>
        <message>
            <source>{0} loss fused with its activation: ∂L/∂z = ŷ − y</source>
            <translation>{0} 损失与其激活函数融合：∂L/∂z = ŷ − y</translation>
        </message>
        <message>
            <source>δ of output {0}: {1} fused with its activation gives ŷ − y</source>
            <translation>输出 {0} 的误差项 δ：{1} 与其激活函数融合，得到 ŷ − y</translation>
        </message>
        <message>
            <source>softmax + cross-entropy −yᵀ log ŷ</source>
            <translation>softmax + 交叉熵 −yᵀ log ŷ</translation>
        </message>
        <message>
            <source>sigmoid + binary cross-entropy</source>
            <translation>sigmoid + 二元交叉熵</translation>
        </message>
    </context>
    <context>
        <name>TrainingController</name>
        <message>
            <source>Play</source>
            <extracomment>Shortcuts of the training actions.</extracomment>
            <translation>开始</translation>
        </message>
        <message>
            <source>Train until paused</source>
            <translation>训练直到暂停</translation>
        </message>
        <message>
            <source>Step batch</source>
            <translation>单步（小批量）</translation>
        </message>
        <message>
            <source>Train one mini-batch, then pause</source>
            <translation>训练一个小批量，然后暂停</translation>
        </message>
        <message>
            <source>Step epoch</source>
            <translation>单步（一轮）</translation>
        </message>
        <message>
            <source>Train to the end of this epoch, then pause</source>
            <translation>训练到本轮结束，然后暂停</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>重置</translation>
        </message>
        <message>
            <source>Back to the initial weights for this seed (undoable); starts a new run</source>
            <translation>回到此种子的初始权重（可撤销）；开始新的一次训练</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Pause training</source>
            <translation>暂停训练</translation>
        </message>
        <message>
            <source>training loss</source>
            <translation>训练集损失</translation>
        </message>
        <message>
            <source>batch loss</source>
            <translation>小批量损失</translation>
        </message>
        <message>
            <source>Saved: epoch {0} · step {1}</source>
            <translation>已保存：第 {0} 轮 · 第 {1} 步</translation>
        </message>
        <message>
            <source>Epoch {0}</source>
            <translation>第 {0} 轮</translation>
        </message>
        <message>
            <source>step {0}</source>
            <translation>第 {0} 步</translation>
        </message>
        <message>
            <source>batch loss {0}</source>
            <translation>小批量损失 {0}</translation>
        </message>
        <message>
            <source>{0} steps/s</source>
            <translation>每秒 {0} 步</translation>
        </message>
        <message>
            <source>stopped early, epoch {0}'s weights kept</source>
            <translation>已提前停止，保留第 {0} 轮的权重</translation>
        </message>
        <message>
            <source>done</source>
            <translation>完成</translation>
        </message>
        <message>
            <source>diverged</source>
            <translation>已发散</translation>
        </message>
        <message>
            <source>paused</source>
            <translation>已暂停</translation>
        </message>
    </context>
    <context>
        <name>TrainingControls</name>
        <message>
            <source>Watchable</source>
            <extracomment>Speed choices: label -&gt; steps per second (None: as fast as possible). Labels in English; shown translated, context "TrainingControls".</extracomment>
            <translation>可观察</translation>
        </message>
        <message>
            <source>Fastest</source>
            <translation>最快</translation>
        </message>
        <message>
            <source>1000 steps/s</source>
            <translation>每秒 1000 步</translation>
        </message>
        <message>
            <source>300 steps/s</source>
            <translation>每秒 300 步</translation>
        </message>
        <message>
            <source>100 steps/s</source>
            <translation>每秒 100 步</translation>
        </message>
        <message>
            <source>30 steps/s</source>
            <translation>每秒 30 步</translation>
        </message>
        <message>
            <source>10 steps/s</source>
            <translation>每秒 10 步</translation>
        </message>
        <message>
            <source>3 steps/s</source>
            <translation>每秒 3 步</translation>
        </message>
        <message>
            <source>1 step/s</source>
            <translation>每秒 1 步</translation>
        </message>
        <message>
            <source>Two Gaussians</source>
            <extracomment>The datasets' names as a person reads them (context "TrainingControls", shared with the dock's other texts).</extracomment>
            <translation>两个高斯分布</translation>
        </message>
        <message>
            <source>Circles</source>
            <translation>同心圆</translation>
        </message>
        <message>
            <source>Moons</source>
            <translation>双月</translation>
        </message>
        <message>
            <source>Spiral</source>
            <translation>螺旋</translation>
        </message>
        <message>
            <source>Regression surface</source>
            <translation>回归曲面</translation>
        </message>
        <message>
            <source>Iris (4 features, 3 classes)</source>
            <translation>鸢尾花（4 个特征，3 类）</translation>
        </message>
        <message>
            <source>Digits 8×8 (64 features, 10 classes)</source>
            <translation>手写数字 8×8（64 个特征，10 类）</translation>
        </message>
        <message>
            <source>Lecture: linear neuron (x = 1.5, y = 0.8 first)</source>
            <translation>讲义：线性神经元（第一个样本 x = 1.5，y = 0.8）</translation>
        </message>
        <message>
            <source>Lecture: sigmoid neuron (x = ±0.5 … ±2)</source>
            <translation>讲义：Logistic 神经元（x = ±0.5 … ±2）</translation>
        </message>
        <message>
            <source>Lecture: 3-3-3 network (6 samples, 3 classes)</source>
            <translation>讲义：3-3-3 网络（6 个样本，3 类）</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>速度</translation>
        </message>
        <message>
            <source>Watchable: one run of the set epochs takes a few seconds, so the boundary visibly forms. Fastest: as fast as this computer goes. Slower: single steps</source>
            <translation>可观察：按设定的轮数训练一次约需几秒，可以看到决策边界逐渐形成。最快：以这台计算机的最快速度训练。更慢：逐步观察每一步</translation>
        </message>
        <message>
            <source>Progress towards the number of epochs asked for, and the time left</source>
            <translation>距设定轮数的进度，以及剩余时间</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>就绪</translation>
        </message>
        <message>
            <source>epoch {0} of {1}</source>
            <translation>第 {0} 轮，共 {1} 轮</translation>
        </message>
        <message>
            <source>{0} left</source>
            <translation>还剩 {0}</translation>
        </message>
        <message>
            <source>stopped early at epoch {0} (best: {1})</source>
            <translation>在第 {0} 轮提前停止（最好：第 {1} 轮）</translation>
        </message>
        <message>
            <source>{0} epochs done</source>
            <translation>{0} 轮已完成</translation>
        </message>
        <message>
            <source>epoch {0}</source>
            <translation>第 {0} 轮</translation>
        </message>
        <message>
            <source>learning rate</source>
            <translation>学习率</translation>
        </message>
        <message>
            <source>stability</source>
            <translation>稳定常数</translation>
        </message>
        <message>
            <source>decay</source>
            <translation>衰减率</translation>
        </message>
        <message>
            <source>momentum</source>
            <translation>动量</translation>
        </message>
    </context>
    <context>
        <name>TrainingLines</name>
        <message>
            <source>During training: press Train</source>
            <translation>训练过程：请按“训练”</translation>
        </message>
        <message>
            <source>gradient norm (log scale)</source>
            <translation>梯度范数（对数刻度）</translation>
        </message>
        <message>
            <source>SGD step</source>
            <translation>SGD 步</translation>
        </message>
        <message>
            <source>layer {0}</source>
            <translation>层 {0}</translation>
        </message>
        <message>
            <source>During training</source>
            <translation>训练过程</translation>
        </message>
        <message>
            <source>SGD, ε = {0:g}, batches of 32</source>
            <translation>SGD，ε = {0:g}，批量大小 32</translation>
        </message>
    </context>
    <context>
        <name>UpdateDialog</name>
        <message>
            <source>Apply update</source>
            <translation>应用更新</translation>
        </message>
        <message>
            <source>{0} parameter:</source>
            <translation>{0} 个参数：</translation>
        </message>
        <message>
            <source>{0} parameters:</source>
            <translation>{0} 个参数：</translation>
        </message>
        <message>
            <source>Each parameter moves by the optimiser's rule using this sample's gradient (∂L/∂θ from the backward pass).</source>
            <translation>每个参数按优化器的规则，用这个样本的梯度（反向传播得到的 ∂L/∂θ）移动。</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>应用</translation>
        </message>
        <message>
            <source>Write the new values into the network (one step in Edit ▸ Undo)</source>
            <translation>把新值写入网络（在编辑 ▸ 撤销中为一步）</translation>
        </message>
    </context>
    <context>
        <name>ValueEditor</name>
        <message>
            <source>This edge is removed: restore it (Insert) to give it a weight</source>
            <translation>此连接已删除：恢复它（Insert）才能设置权重</translation>
        </message>
        <message>
            <source>{0} has no bias (inputs have none)</source>
            <translation>{0} 没有偏置（输入没有偏置）</translation>
        </message>
        <message>
            <source>{0} has no bias: switch it on in Properties</source>
            <translation>{0} 没有偏置：请在“属性”中开启</translation>
        </message>
        <message>
            <source>Type the weight</source>
            <translation>输入权重</translation>
        </message>
        <message>
            <source>Type the bias</source>
            <translation>输入偏置</translation>
        </message>
        <message>
            <source>weight</source>
            <translation>权重</translation>
        </message>
        <message>
            <source>bias</source>
            <translation>偏置</translation>
        </message>
        <message>
            <source>Type the weight and press Enter; Esc cancels</source>
            <translation>输入权重后按 Enter；Esc 取消</translation>
        </message>
        <message>
            <source>Type the bias and press Enter; Esc cancels</source>
            <translation>输入偏置后按 Enter；Esc 取消</translation>
        </message>
        <message>
            <source>Type the weight and press Enter (Esc cancels)</source>
            <translation>输入权重后按 Enter（Esc 取消）</translation>
        </message>
        <message>
            <source>Type the bias and press Enter (Esc cancels)</source>
            <translation>输入偏置后按 Enter（Esc 取消）</translation>
        </message>
        <message>
            <source>{0} is not a number</source>
            <translation>{0} 不是数字</translation>
        </message>
    </context>
    <context>
        <name>VanishingWidget</name>
        <message>
            <source>Multiplies every initial weight: too small → vanishing, too large → exploding</source>
            <translation>乘以每个初始权重：太小 → 梯度消失，太大 → 梯度爆炸</translation>
        </message>
        <message>
            <source>Compare: logistic + small init  vs  ReLU + He init</source>
            <translation>比较：Logistic + 小初始值  对比  ReLU + He 初始化</translation>
        </message>
        <message>
            <source>The same depth twice: logistic units with weights uniform in ±0.1, and ReLU units with He initialisation</source>
            <translation>同样的深度做两次：权重在 ±0.1 内均匀分布的 Logistic 单元，以及 He 初始化的 ReLU 单元</translation>
        </message>
        <message>
            <source>ε of plain SGD for the short training run</source>
            <translation>短时训练所用的普通随机梯度下降的 ε</translation>
        </message>
        <message>
            <source>Train</source>
            <translation>训练</translation>
        </message>
        <message>
            <source>Train a copy of this stack with SGD and watch each layer's gradient</source>
            <translation>用随机梯度下降训练这个网络的副本，观察每一层的梯度</translation>
        </message>
        <message>
            <source>Hidden layers</source>
            <translation>隐藏层数</translation>
        </message>
        <message>
            <source>Units per layer</source>
            <translation>每层单元数</translation>
        </message>
        <message>
            <source>Activation</source>
            <translation>激活函数</translation>
        </message>
        <message>
            <source>Initialisation</source>
            <translation>初始化</translation>
        </message>
        <message>
            <source>Initial weight scale</source>
            <translation>初始权重尺度</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>数据</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>Deep stack</source>
            <translation>深层网络</translation>
        </message>
        <message>
            <source>SGD steps</source>
            <translation>随机梯度下降步数</translation>
        </message>
        <message>
            <source>Learning rate ε</source>
            <translation>学习率 ε</translation>
        </message>
        <message>
            <source>Short training run</source>
            <translation>短时训练</translation>
        </message>
        <message>
            <source>Backpropagation multiplies the error by f′(z) and by the weights at every layer. The logistic derivative is at most 0.25 (tanh's at most 1), so with small weights the gradient shrinks layer after layer: the lower layers hardly learn. Large initial weights make it grow instead (exploding gradients).</source>
            <translation>反向传播在每一层都把误差乘以 f′(z) 和权重。Logistic 函数的导数最大为 0.25（tanh 的最大为 1），所以权重较小时梯度逐层缩小：低层几乎学不到东西。初始权重较大时梯度反而逐层增大（梯度爆炸）。</translation>
        </message>
    </context>
    <context>
        <name>WalkController</name>
        <message>
            <source>Build a network first: the stepper walks the network on the canvas.</source>
            <extracomment>The moves a person can ask for, as the navigation bar's buttons name them.</extracomment>
            <translation>请先搭建一个网络：单步演示逐步计算的是画布上的网络。</translation>
        </message>
        <message>
            <source>The network cannot be stepped yet: {0}.</source>
            <translation>网络还不能逐步计算：{0}。</translation>
        </message>
        <message>
            <source>The network was edited, so its numbers are no longer these.</source>
            <translation>网络已被编辑，它的数值已不再是这些。</translation>
        </message>
        <message>
            <source>The weights changed (training, an edit or undo).</source>
            <translation>权重已改变（训练、编辑或撤销）。</translation>
        </message>
        <message>
            <source>The data or the training settings changed.</source>
            <translation>数据或训练设置已改变。</translation>
        </message>
        <message>
            <source>Apply backprop update ({0})</source>
            <translation>应用反向传播更新（{0}）</translation>
        </message>
    </context>
    <context>
        <name>WalkControls</name>
        <message>
            <source>One unit at a time: z, a, δ and ∂L/∂w</source>
            <extracomment>The level buttons' tooltips (the shortcut is added).</extracomment>
            <translation>一次一个单元：z、a、δ 和 ∂L/∂w</translation>
        </message>
        <message>
            <source>The tape's matrix operations, with their numbers</source>
            <translation>计算带上的矩阵运算及其数值</translation>
        </message>
        <message>
            <source>The selected unit's elementary ops (x·w, +b, ×(−1), exp, +1, 1/x)</source>
            <translation>所选单元的基本运算（x·w、+b、×(−1)、exp、+1、1/x）</translation>
        </message>
        <message>
            <source>Zoom:</source>
            <translation>层级：</translation>
        </message>
        <message>
            <source>The unit the scalar level expands into its elementary graph</source>
            <translation>在标量层级中展开为基本计算图的单元</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>重置</translation>
        </message>
        <message>
            <source>Back to the start: nothing computed</source>
            <translation>回到开头：什么都还没计算</translation>
        </message>
        <message>
            <source>◀ Step back</source>
            <translation>◀ 后退一步</translation>
        </message>
        <message>
            <source>Undo the last step of the walk</source>
            <translation>撤销逐步计算的最后一步</translation>
        </message>
        <message>
            <source>Step forward ▶</source>
            <translation>前进一步 ▶</translation>
        </message>
        <message>
            <source>Compute the next step</source>
            <translation>计算下一步</translation>
        </message>
        <message>
            <source>Run to end of forward pass</source>
            <translation>运行到前向传播结束</translation>
        </message>
        <message>
            <source>Compute every value up to the loss</source>
            <translation>计算到损失函数为止的所有值</translation>
        </message>
        <message>
            <source>Run to end</source>
            <translation>运行到结束</translation>
        </message>
        <message>
            <source>Compute every step, the backward pass and the update preview</source>
            <translation>计算所有步骤、反向传播和参数更新预览</translation>
        </message>
        <message>
            <source>Apply update…</source>
            <translation>应用更新…</translation>
        </message>
        <message>
            <source>Show each parameter's update w ← w − ε ∂L/∂w by the current optimiser's rule, then apply it (one undo step)</source>
            <translation>按当前优化器的规则显示每个参数的更新 w ← w − ε ∂L/∂w，然后应用（撤销中为一步）</translation>
        </message>
        <message>
            <source>Every step of the walk: drag to go anywhere</source>
            <translation>逐步计算的每一步：拖动可以跳到任意一步</translation>
        </message>
        <message>
            <source>step {0} of {1}</source>
            <translation>第 {0} 步，共 {1} 步</translation>
        </message>
        <message>
            <source>no walk</source>
            <translation>未在逐步计算</translation>
        </message>
    </context>
    <context>
        <name>WeightsPanel</name>
        <message>
            <source>Connection</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>Which weights to show (selecting a connection on the canvas picks it too)</source>
            <translation>显示哪一组权重（在画布上选中一个连接也可以选择它）</translation>
        </message>
        <message>
            <source>Weights W</source>
            <translation>权重 W</translation>
        </message>
        <message>
            <source>receiving unit</source>
            <translation>接收单元</translation>
        </message>
        <message>
            <source>sending unit</source>
            <translation>发送单元</translation>
        </message>
        <message>
            <source>Change since last look ΔW</source>
            <translation>上次查看以来的变化 ΔW</translation>
        </message>
        <message>
            <source>Histogram of the weights</source>
            <translation>权重直方图</translation>
        </message>
        <message>
            <source>count</source>
            <translation>个数</translation>
        </message>
        <message>
            <source>weight</source>
            <translation>权重</translation>
        </message>
        <message>
            <source>weight w ({0})</source>
            <translation>权重 w（{0}）</translation>
        </message>
        <message>
            <source>change since last look Δw</source>
            <translation>上次查看以来的变化 Δw</translation>
        </message>
        <message>
            <source>histogram: bin from</source>
            <translation>直方图：区间起点</translation>
        </message>
        <message>
            <source>histogram: bin to</source>
            <translation>直方图：区间终点</translation>
        </message>
        <message>
            <source>histogram: count</source>
            <translation>直方图：个数</translation>
        </message>
        <message>
            <source>{0}×{1} weights, row = unit of {2}, column = unit of {3}; orange &lt; 0 &lt; blue. Largest |w| = {4:.3g}, largest change since the last picture |Δw| = {5:.2g} (step {6:,}).</source>
            <translation>{0}×{1} 个权重，行 = {2} 的单元，列 = {3} 的单元；橙 &lt; 0 &lt; 蓝。最大 |w| = {4:.3g}，自上一幅图以来的最大变化 |Δw| = {5:.2g}（第 {6:,} 步）。</translation>
        </message>
    </context>
    <context>
        <name>WindowMenus</name>
        <message>
            <source>&amp;New</source>
            <translation>新建(&amp;N)</translation>
        </message>
        <message>
            <source>Start an empty network</source>
            <translation>新建一个空网络</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>打开(&amp;O)…</translation>
        </message>
        <message>
            <source>Open a .ffn file</source>
            <translation>打开 .ffn 文件</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>Save the network</source>
            <translation>保存网络</translation>
        </message>
        <message>
            <source>Save &amp;As…</source>
            <translation>另存为(&amp;A)…</translation>
        </message>
        <message>
            <source>Save the network under a new name</source>
            <translation>以新文件名保存网络</translation>
        </message>
        <message>
            <source>&amp;Revert</source>
            <translation>还原(&amp;R)</translation>
        </message>
        <message>
            <source>Reload the network as last saved</source>
            <translation>重新载入上次保存的网络</translation>
        </message>
        <message>
            <source>Export Diagram as &amp;PNG…</source>
            <translation>将网络图导出为 &amp;PNG…</translation>
        </message>
        <message>
            <source>Save a picture of the network</source>
            <translation>保存网络的图片</translation>
        </message>
        <message>
            <source>Export Diagram as S&amp;VG…</source>
            <translation>将网络图导出为 S&amp;VG…</translation>
        </message>
        <message>
            <source>Save a scalable drawing of the network</source>
            <translation>保存网络的矢量图</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
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
            <source>Cu&amp;t</source>
            <translation>剪切(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>复制(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>粘贴(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>删除(&amp;D)</translation>
        </message>
        <message>
            <source>Delete the selection (a selected edge is removed)</source>
            <translation>删除所选内容（所选连接会被移除）</translation>
        </message>
        <message>
            <source>Select &amp;All</source>
            <translation>全选(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Type Weight or Bias…</source>
            <translation>输入权重或偏置(&amp;T)…</translation>
        </message>
        <message>
            <source>Type the value of the selected edge's weight or unit's bias</source>
            <translation>输入所选连接的权重或所选单元的偏置</translation>
        </message>
        <message>
            <source>Restore &amp;Edge</source>
            <translation>恢复连接(&amp;E)</translation>
        </message>
        <message>
            <source>Put back the selected removed edge</source>
            <translation>恢复所选的已删除连接</translation>
        </message>
        <message>
            <source>Re-&amp;initialise Weights</source>
            <translation>重新初始化权重(&amp;I)</translation>
        </message>
        <message>
            <source>Fresh initial weights for the selected nodes (all nodes when none is selected)</source>
            <translation>为所选节点重新初始化权重（未选择时为所有节点）</translation>
        </message>
        <message>
            <source>&amp;New Random Weights</source>
            <translation>新的随机权重(&amp;N)</translation>
        </message>
        <message>
            <source>Draw every weight with the next seed: another start for training</source>
            <translation>用下一个随机种子抽取所有权重：换一个训练起点</translation>
        </message>
        <message>
            <source>&amp;History</source>
            <translation>历史记录(&amp;H)</translation>
        </message>
        <message>
            <source>Zoom &amp;In</source>
            <translation>放大(&amp;I)</translation>
        </message>
        <message>
            <source>Zoom &amp;Out</source>
            <translation>缩小(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Actual Size</source>
            <translation>实际大小(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Fit to Window</source>
            <translation>适应窗口(&amp;F)</translation>
        </message>
        <message>
            <source>A&amp;rrange in Columns</source>
            <translation>按列排列(&amp;R)</translation>
        </message>
        <message>
            <source>Lay the nodes out in columns by depth</source>
            <translation>按深度把节点排成列</translation>
        </message>
        <message>
            <source>&amp;Lessons</source>
            <translation>课程(&amp;L)</translation>
        </message>
        <message>
            <source>The course: the lecture step by step, with questions the program checks</source>
            <translation>课程：逐步学习讲义，并回答由程序检查的问题</translation>
        </message>
        <message>
            <source>&amp;About {0}</source>
            <translation>关于 {0}(&amp;A)</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>关于 &amp;Qt</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>Open &amp;Example</source>
            <translation>打开示例(&amp;E)</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>最近打开(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Export</source>
            <translation>导出(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Panels</source>
            <translation>面板(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Theme</source>
            <translation>主题(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>主工具栏</translation>
        </message>
        <message>
            <source>(no examples installed)</source>
            <translation>（未安装示例）</translation>
        </message>
        <message>
            <source>{0} (not found)</source>
            <translation>{0}（未找到）</translation>
        </message>
        <message>
            <source>(none yet)</source>
            <translation>（暂无）</translation>
        </message>
        <message>
            <source>&amp;Clear Menu</source>
            <translation>清空菜单(&amp;C)</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>跟随系统语言</translation>
        </message>
        <message>
            <source>Undo {0}</source>
            <translation>撤销 {0}</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>Redo {0}</source>
            <translation>重做 {0}</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>重做</translation>
        </message>
    </context>
    <context>
        <name>WindowStatus</name>
        <message>
            <source>Training: epoch, step, the last mini-batch's loss, speed</source>
            <translation>训练：轮、步、最后一个小批量的损失、速度</translation>
        </message>
        <message>
            <source>Zoom (Ctrl+1: actual size, Ctrl+0: fit to window)</source>
            <translation>缩放（Ctrl+1：实际大小，Ctrl+0：适合窗口）</translation>
        </message>
        <message>
            <source>1 node</source>
            <translation>1 个节点</translation>
        </message>
        <message>
            <source>{0} nodes</source>
            <translation>{0} 个节点</translation>
        </message>
        <message>
            <source>1 parameter</source>
            <translation>1 个参数</translation>
        </message>
        <message>
            <source>{0} parameters</source>
            <translation>{0} 个参数</translation>
        </message>
        <message>
            <source>Empty network</source>
            <translation>空网络</translation>
        </message>
        <message>
            <source>Drag an input, layers and an output from the palette.</source>
            <translation>从组件面板拖入输入、层和输出。</translation>
        </message>
        <message>
            <source>(+{0} more)</source>
            <translation>（另有 {0} 条）</translation>
        </message>
        <message>
            <source>Ready to train</source>
            <translation>可以训练</translation>
        </message>
        <message>
            <source>The network is complete: every node reaches the output.</source>
            <translation>网络已完整：每个节点都能到达输出。</translation>
        </message>
    </context>
    <context>
        <name>about</name>
        <message>
            <source>Build feedforward neural networks on a canvas, train them live and step through backpropagation one node at a time.</source>
            <translation>在画布上搭建前馈神经网络，实时训练它们，并逐个节点单步执行反向传播。</translation>
        </message>
        <message>
            <source>Licence: {0}. Bundled datasets carry their own licences (see &lt;tt&gt;resources/datasets/README.md&lt;/tt&gt;).</source>
            <translation>许可证：{0}。附带的数据集各有其许可证（见 &lt;tt&gt;resources/datasets/README.md&lt;/tt&gt;）。</translation>
        </message>
        <message>
            <source>Running on {0} {1}.</source>
            <translation>运行于 {0} {1}。</translation>
        </message>
    </context>
    <context>
        <name>clipboard</name>
        <message>
            <source>1 Backprop Studio node</source>
            <translation>1 个 Backprop Studio 节点</translation>
        </message>
        <message>
            <source>{0} Backprop Studio nodes</source>
            <translation>{0} 个 Backprop Studio 节点</translation>
        </message>
    </context>
    <context>
        <name>landscape</name>
        <message>
            <source>eight examples x = ±0.5 … ±2, y = 1 if x &gt; 0 else 0</source>
            <extracomment>Learning rates that make the lecture's surfaces tell their story in ~150 steps.</extracomment>
            <translation>八个样本 x = ±0.5 … ±2，x &gt; 0 时 y = 1，否则为 0</translation>
        </message>
        <message>
            <source>one example x = 1, y = 1 (the lecture's figure)</source>
            <translation>一个样本 x = 1，y = 1（讲义中的图）</translation>
        </message>
        <message>
            <source>α along direction 1 (× weight norms)</source>
            <translation>沿方向 1 的 α（× 权重范数）</translation>
        </message>
        <message>
            <source>β along direction 2 (× weight norms)</source>
            <translation>沿方向 2 的 β（× 权重范数）</translation>
        </message>
        <message>
            <source>weight {0}[{1}] → {2}[{3}]</source>
            <translation>权重 {0}[{1}] → {2}[{3}]</translation>
        </message>
    </context>
    <context>
        <name>lanes</name>
        <message>
            <source>GD (full batch)</source>
            <extracomment>The lecture's optimisers in the lecture's order, with one colour each (Okabe–Ito hues, distinguishable with the common colour-vision deficiencies).</extracomment>
            <translation>GD（全批量）</translation>
        </message>
        <message>
            <source>SGD (one example)</source>
            <translation>SGD（单个样本）</translation>
        </message>
        <message>
            <source>Mini-batch SGD</source>
            <translation>小批量 SGD</translation>
        </message>
    </context>
</TS>
