<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ActivationsPanel</name>
        <message>
            <source>A fixed batch of training samples (one column of pixels each), or a single sample's values as bars</source>
            <extracomment>Narrowest a node's column may get before the panel scrolls sideways.</extracomment>
            <translation>一个固定的训练样本批次（每个样本一列像素），或单个样本各值的条形图</translation>
        </message>
        <message>
            <source>Bars: each unit's value for the chosen sample. Output: the net input z, the output (p: the probability) and the error the loss sends back, dL/dz = p − y.</source>
            <translation>条形：所选样本在每个单元上的值。输出层：净输入 z、输出（p：概率）以及损失函数传回的误差 dL/dz = p − y。</translation>
        </message>
        <message>
            <source>Each column of pixels is one sample of a fixed batch (sorted by class), each row one unit. Orange &lt; 0 &lt; blue; probabilities: orange = 0, blue = 1. Output: net input z, probability p, error p − y.</source>
            <translation>每列像素是固定批次中的一个样本（按类别排序），每行是一个单元。橙色 &lt; 0 &lt; 蓝色；概率：橙色 = 0，蓝色 = 1。输出层：净输入 z、概率 p、误差 p − y。</translation>
        </message>
    </context>
    <context>
        <name>AutosaveBanner</name>
        <message>
            <source>Try again now</source>
            <translation>立即重试</translation>
        </message>
        <message>
            <source>Save As…</source>
            <translation>另存为…</translation>
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
            <source>{0}: data over the network's output</source>
            <extracomment>Side column width when the controls stand beside the plot.</extracomment>
            <translation>{0}：数据与网络的输出</translation>
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
            <source>{0}: no picture for regression with several inputs</source>
            <translation>{0}：多输入的回归问题无法画成图</translation>
        </message>
        <message>
            <source>The curves panel shows how well the network fits (R²).</source>
            <translation>曲线面板显示网络的拟合程度（R²）。</translation>
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
            <source>Background: the class the network predicts (its colour), paler where it is less sure. Left-click adds a point, right-click removes one.</source>
            <translation>背景：网络预测的类别（该类的颜色），越不确定颜色越浅。左键单击添加一个点，右键删除一个点。</translation>
        </message>
    </context>
    <context>
        <name>CanvasView</name>
        <message>
            <source>Build a network</source>
            <extracomment>Space pressed and let go without a pan in between: the window's Play/Pause.</extracomment>
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
        <name>CurvesPanel</name>
        <message>
            <source>Horizontal axis: mini-batch steps or epochs (passes over the training set)</source>
            <extracomment>Above this many batch losses the faint curve is refreshed at most twice a second.</extracomment>
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
            <translation>损失</translation>
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
            <source>epoch</source>
            <translation>轮</translation>
        </message>
        <message>
            <source>R² (1 = perfect fit)</source>
            <translation>R²（1 = 完全拟合）</translation>
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
    </context>
    <context>
        <name>FileController</name>
        <message>
            <source>New network</source>
            <extracomment>Where Revert reloads from: the file, or the example it started as. How load and save errors reach the person: ``(title, text, details)``. A message box by default; the ``--screenshot`` run prints instead.</extracomment>
            <translation>新网络</translation>
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
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Opened</source>
            <translation>已打开</translation>
        </message>
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
            <source>Training: epoch, step, the last mini-batch's loss, speed</source>
            <translation>训练：轮、步、最后一个小批量的损失、速度</translation>
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
            <source>Ready to train</source>
            <translation>可以训练</translation>
        </message>
        <message>
            <source>The network is complete: every node reaches the output.</source>
            <translation>网络已完整：每个节点都能到达输出。</translation>
        </message>
        <message>
            <source>New random weights: seed {0}</source>
            <translation>新的随机权重：种子 {0}</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>跟随系统语言</translation>
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
    </context>
    <context>
        <name>PropertiesPanel</name>
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
            <source>Click a node, a unit or a single edge on the canvas to see and change it here. Drag on empty canvas to select several nodes.</source>
            <translation>在画布上单击一个节点、单元或单条连接，即可在这里查看和修改。在画布空白处拖动可以选择多个节点。</translation>
        </message>
        <message>
            <source>a name for this node</source>
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
            <source>How fresh weights into this node are drawn</source>
            <translation>如何抽取进入此节点的新权重</translation>
        </message>
        <message>
            <source>Initialiser</source>
            <translation>初始化方法</translation>
        </message>
        <message>
            <source>Init scale</source>
            <translation>初始化尺度</translation>
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
            <source>Loss</source>
            <translation>损失函数</translation>
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
            <source>Weight</source>
            <translation>权重</translation>
        </message>
        <message>
            <source>Restore removed edges</source>
            <translation>恢复已删除的连接</translation>
        </message>
        <message>
            <source>Delete connection</source>
            <translation>删除连接</translation>
        </message>
        <message>
            <source>Re-initialise their weights</source>
            <translation>重新初始化它们的权重</translation>
        </message>
        <message>
            <source>Features</source>
            <translation>特征数</translation>
        </message>
    </context>
    <context>
        <name>TrainingController</name>
        <message>
            <source>Play</source>
            <extracomment>Shortcuts of the training actions. The first speed: a pace a person can watch (see :meth:`TrainingController.steps_per_second`). How long one run of the set epochs takes at the WATCH pace. Trained weights go into the document at most this often while training. Steps a second Play is capped at: None as fast as it goes, WATCH a pace that makes one run of the set epochs last about WATCH_SECONDS (the first choice). An open stretch of training: the state before it and the (step, epoch) it began at.</extracomment>
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
            <extracomment>The batch size stored for "all" (full-batch gradient descent): larger than any dataset here. Speed choices: label -&gt; steps per second (None: as fast as possible). Speed choices (labels in English; shown translated, context "TrainingControls").</extracomment>
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
            <extracomment>The fill of a bad cell in the CSV preview: a red light enough to read dark text on, in either theme.</extracomment>
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
            <source>Data</source>
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
            <source>No file chosen</source>
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
            <source> % test</source>
            <translation> % 测试集</translation>
        </message>
        <message>
            <source>Share of the points held out to test on (never trained on)</source>
            <translation>留作测试集的样本比例（从不用于训练）</translation>
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
            <source>Split</source>
            <translation>划分</translation>
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
            <source>Training</source>
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
            <source> epochs</source>
            <translation> 轮</translation>
        </message>
        <message>
            <source>Early stopping: stop once the test loss (the training loss without a test set) has not improved for this many epochs, and keep the weights of its best epoch (off: train all the epochs)</source>
            <translation>提前停止：测试集损失（没有测试集时为训练集损失）连续这么多轮没有改进时停止训练，并保留最好一轮的权重（关闭：训练全部轮数）</translation>
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
            <source>{0} (in use)</source>
            <translation>{0}（正在使用）</translation>
        </message>
        <message>
            <source>No file in use</source>
            <translation>未使用文件</translation>
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
    </context>
</TS>
